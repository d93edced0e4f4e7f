import Foundation
import PalermoReport
import PalermoStore
import Plot

/// `/publish/{id}`: one release, who made it and when, and its files with their checksums.
struct ReleasePage {
    struct File {
        let name: String
        let href: String
        let size: String
        let sha256: String
    }

    let title: String
    let made: String
    let fileHeaders: [String]
    let files: [File]
    let reportLink: (label: String, href: String)?
    /// Released records (not a table) feed the patterns-and-flows report.
    let patternsLink: (label: String, href: String)?
    let back: (label: String, href: String)

    init(_ w: Wording, release: ReleaseRecord) {
        title = w("publish.releaseTitle", ["method": w("publish.method.\(release.method)")])
        made = w(
            "publish.made",
            [
                "creator": release.creator, "created": release.createdAt.map(w.dateTime) ?? "–",
                "country": release.country.map(w.country) ?? w("publish.allCountries"),
            ])
        fileHeaders = [w("publish.file"), w("publish.size"), "SHA-256"]
        files = release.files.map { file in
            File(
                name: file.name, href: "/publish/\(release.id)/\(file.name)", size: w.number(file.bytes),
                sha256: file.sha256)
        }
        reportLink =
            release.files.contains { $0.name == "report.html" }
            ? (w("publish.openReport"), "/publish/\(release.id)/report.html") : nil
        patternsLink =
            release.files.contains { $0.name == "records.csv" }
            ? (w("publish.toPatterns"), "/stats/patterns?source=release:\(release.id)") : nil
        back = (w("publish.title"), "/publish")
    }

    var view: Node<HTML.BodyContext> {
        .group(
            .h1(.words(title)),
            .p(.words(made)),
            .unwrap(reportLink) { .p(.a(.attr("href", $0.href), .words($0.label))) },
            .unwrap(patternsLink) { .p(.a(.attr("href", $0.href), .words($0.label))) },
            .div(
                .class("table-wrap"),
                .table(
                    .id("release-files"),
                    .thead(.tr(.forEach(fileHeaders) { .th(.attr("scope", "col"), .words($0)) })),
                    .tbody(
                        .forEach(files) { file in
                            .tr(
                                .th(.attr("scope", "row"), .a(.attr("href", file.href), .words(file.name))),
                                .td(.class("num"), .words(file.size)), .td(.code(.words(file.sha256))))
                        }))),
            .p(.a(.attr("href", back.href), .words(back.label))))
    }
}
