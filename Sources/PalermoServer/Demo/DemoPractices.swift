import Foundation
import PalermoCore
import PalermoStore
import Vapor

/// Three good practices, invented for the demo: two published by the secretariat (admin), one waiting for review.
enum DemoPractices {
    static func load(into app: Application) async throws {
        let store = app.palermo.store
        let users = try await UserModel.query(on: store.database).all()
        func principal(_ name: String) -> Principal? { users.first { $0.username == name }?.principal }
        guard let brian = principal("brian"), let nakato = principal("nakato"), let juma = principal("juma"),
            let admin = principal("admin")
        else { return }
        let practices = store.goodPractices
        for (practice, who, publish) in [(shelter, brian, true), (mentors, nakato, true), (fees, juma, false)] {
            let record = try await practices.submit(practice, by: who)
            if publish { _ = try await practices.review(record.id, .publish, comment: nil, by: admin) }
        }
    }

    static let shelter = GoodPractice(
        title: "Joint screening days with the labour inspectorate (demo)",
        summary:
            "Once a month a shelter caseworker joins labour inspectors on visits to flower farms. Workers are met "
            + "away from supervisors, screened with the ILO indicators, and offered a bed and legal advice the same "
            + "day.",
        country: "KEN", theme: "protection", paragraphs: ["16", "25", "26"],
        results: "In the demo year, 41 workers screened and 9 referred with their consent; 6 received back wages.",
        evidence: "Shelter annual report (demo data); referral records in Palermo.",
        contact: "Safe Harbour Shelter, programme desk")

    static let mentors = GoodPractice(
        title: "Peer mentors for survivors returning home (demo)",
        summary:
            "Survivors who have completed recovery volunteer as mentors for people returning to the same district, "
            + "meeting them at the border post and through the first three months of reintegration.",
        country: "UGA", theme: "protection", paragraphs: ["30", "32", "39"],
        results: "Of 58 returnees in the demo data, 51 were still in touch with a mentor after six months.",
        evidence: "Follow-up interviews by the organisation (demo data).",
        contact: "Freedom Path, reintegration team")

    static let fees = GoodPractice(
        title: "Recruitment-fee checks at coastal hotels (demo)",
        summary:
            "Inspectors ask hotel staff recruited abroad whether they paid a recruitment fee or hold their own "
            + "passport, and refer employers who charge fees for investigation.",
        country: "KEN", theme: "prevention", paragraphs: ["18", "19"],
        results: "Twelve hotels visited in the demo season; three refunded fees to their workers.",
        evidence: "", contact: "Coast Labour Inspectorate")
}
