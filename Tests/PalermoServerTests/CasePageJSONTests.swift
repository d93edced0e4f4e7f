import Foundation
import PalermoCore
@testable import PalermoServer
import Vapor
import XCTest

/// The list's hand-written JSON reads back as the same page that `Codable` would have written.
final class CasePageJSONTests: XCTestCase {
    func testTheListJSONReadsBackAsThePage() throws {
        var tricky = CaseListItem(
            id: UUID(), caseCode: "KEN-26-ABC234", status: "Active", traffickingStatus: nil, gender: "Feminine",
            ageGroup: "adult", citizenship: "KEN", exploitation: ["ForcedLabour", "SexualExploitation"],
            updatedAt: Date(timeIntervalSince1970: 1_790_000_000))
        tricky.name = "Ann \"Smith\" \\ a\nb\tc \u{01} Ñandú 肯尼亚 كينيا 🙂"
        tricky.age = 17
        tricky.ownerID = UUID()
        tricky.ownerName = "Amina"
        tricky.identifiedOn = "2025-03-01"
        let bare = CaseListItem(
            id: UUID(), caseCode: "UGA-26-XYZ789", status: nil, traffickingStatus: nil, gender: nil, ageGroup: nil,
            citizenship: nil, exploitation: [], updatedAt: nil)
        for page in [
            CasePage(items: [tricky, bare], total: 2, page: 1, perPage: 25),
            CasePage(items: [], total: 0, page: 3, perPage: 10),
        ] {
            let response = CasePageJSON.response(page)
            XCTAssertEqual(response.headers.contentType, .json)
            let data = Data(try XCTUnwrap(response.body.string).utf8)
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            XCTAssertEqual(try decoder.decode(CasePage.self, from: data), page)
            let keys = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any]).keys
            XCTAssertEqual(Set(keys), ["items", "total", "page", "perPage"])
        }
    }
}
