import Foundation

/// A document a State attaches to its report as evidence. Only a few kinds are taken, each recognised by its
/// first bytes as well as its name, and none larger than `maxBytes`: Palermo runs no virus scanner, so it
/// accepts nothing that runs (no executables, scripts, HTML or SVG) and serves every file back as a download.
public struct EvidenceFile: Sendable, Equatable {
    public static let maxBytes = 5 * 1024 * 1024
    public static let maxPerReport = 20

    public enum Kind: String, Sendable, CaseIterable {
        case pdf, png, jpeg, docx, xlsx, odt, ods, csv, txt

        public var mediaType: String {
            switch self {
            case .pdf: "application/pdf"
            case .png: "image/png"
            case .jpeg: "image/jpeg"
            case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            case .odt: "application/vnd.oasis.opendocument.text"
            case .ods: "application/vnd.oasis.opendocument.spreadsheet"
            case .csv: "text/csv"
            case .txt: "text/plain"
            }
        }

        /// The extensions a file of this kind may be named with.
        var extensions: Set<String> {
            switch self {
            case .jpeg: ["jpg", "jpeg"]
            default: [rawValue]
            }
        }

        func matches(_ data: Data) -> Bool {
            let head = [UInt8](data.prefix(8))
            func starts(_ bytes: [UInt8]) -> Bool { head.starts(with: bytes) }
            switch self {
            case .pdf: return starts([0x25, 0x50, 0x44, 0x46, 0x2D])
            case .png: return starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            case .jpeg: return starts([0xFF, 0xD8, 0xFF])
            case .docx, .xlsx, .odt, .ods: return starts([0x50, 0x4B, 0x03, 0x04])
            case .csv, .txt: return !data.contains(0) && String(data: data, encoding: .utf8) != nil
            }
        }
    }

    public let filename: String
    public let kind: Kind

    /// The file as Palermo takes it, or the problem with it, named by the field `file`.
    public static func check(filename: String, data: Data) -> Result<EvidenceFile, ValidationIssue> {
        func refuse(
            _ message: String, _ code: String, _ values: [String: String]? = nil
        ) -> Result<
            EvidenceFile, ValidationIssue
        > {
            .failure(ValidationIssue(field: "file", message: message, code: code, values: values))
        }
        guard !data.isEmpty else { return refuse("the file is empty", "fileEmpty") }
        guard data.count <= maxBytes else {
            return refuse("the file is larger than 5 MB", "fileTooLarge", ["max": "5"])
        }
        let name = String(
            filename.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init)?.suffix(120) ?? "")
        let ext = name.split(separator: ".").count > 1 ? name.split(separator: ".").last.map { $0.lowercased() } : nil
        guard let ext, let kind = Kind.allCases.first(where: { $0.extensions.contains(ext) }) else {
            return refuse("only PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS, CSV and TXT files are taken", "fileKind")
        }
        guard kind.matches(data) else {
            return refuse("the file's contents are not what its name says", "fileKind")
        }
        return .success(EvidenceFile(filename: name, kind: kind))
    }
}
