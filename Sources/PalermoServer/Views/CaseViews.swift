import Foundation
import PalermoCore
import PalermoReport
import PalermoStore
import Vapor

/// The case pages: list, form and record.
enum CaseViews {
    static func list(_ req: Request, page: CasePage, query: CaseQuery) -> Response {
        let t = req.localizer
        func select(_ name: String, _ label: String, _ options: [(String, String)], _ current: String?) -> String {
            let items = options.map { "<option value=\"\(esc($0.0))\"\($0.0 == current ? " selected" : "")>\(esc($0.1))</option>" }.joined()
            return "<label>\(esc(label)) <select name=\"\(name)\"><option value=\"\">\(esc(t("cases.any")))</option>\(items)</select></label>"
        }
        func entries(_ list: String) -> [(String, String)] { Picklists.named(list).entries.map { ($0.code, $0.label) } }
        let filters = """
            <form method="get" action="/cases" class="filters" role="search">
            <label class="grow">\(esc(t("cases.search"))) <input type="search" name="q" value="\(esc(query.text ?? ""))" autocomplete="off"></label>
            \(select("status", t("cases.status"), entries("status"), query.status))
            \(select("traffickingStatus", t("cases.traffickingStatus"), entries("traffickingstatus"), query.traffickingStatus))
            \(select("exploitation", t("cases.exploitation"), entries("typeofexploitation"), query.exploitation))
            \(select("gender", t("cases.gender"), entries("gender"), query.gender))
            \(select("ageGroup", t("cases.ageGroup"), AgeGroup.allCases.map { ($0.rawValue, t("age.\($0.rawValue)")) }, query.ageGroup))
            <button type="submit">\(esc(t("cases.searchButton")))</button>
            </form>
            """
        let rows = page.items.map { item in
            """
            <tr><th scope="row"><a href="/cases/\(item.id)">\(esc(item.caseCode))</a></th>
            <td>\(esc(item.status.map { Picklists.named("status").label(for: $0) } ?? "—"))</td>
            <td>\(esc(item.traffickingStatus.map { Picklists.named("traffickingstatus").label(for: $0) } ?? "—"))</td>
            <td>\(esc(item.gender.map { Picklists.named("gender").label(for: $0) } ?? "—"))</td>
            <td>\(esc(item.ageGroup.map { t("age.\($0)") } ?? "—"))</td>
            <td>\(esc(item.citizenship ?? "—"))</td>
            <td>\(esc(item.exploitation.map { Picklists.named("typeofexploitation").label(for: $0) }.joined(separator: ", ")))</td>
            <td>\(esc(item.updatedAt?.formatted(.iso8601.year().month().day()) ?? ""))</td></tr>
            """
        }.joined(separator: "\n")
        let pages = max(1, (page.total + page.perPage - 1) / page.perPage)
        func link(_ number: Int, _ text: String) -> String {
            var components = URLComponents()
            components.queryItems = [("q", query.text), ("status", query.status), ("traffickingStatus", query.traffickingStatus),
                                     ("exploitation", query.exploitation), ("gender", query.gender), ("ageGroup", query.ageGroup),
                                     ("page", String(number))].compactMap { pair in pair.1.map { URLQueryItem(name: pair.0, value: $0) } }
            return "<a href=\"/cases?\(esc(components.percentEncodedQuery ?? ""))\">\(esc(text))</a>"
        }
        let pager = """
            <nav class="pager" aria-label="pages">\(page.page > 1 ? link(page.page - 1, t("cases.previous")) : "")
            <span>\(esc(t("cases.page", ["page": String(page.page), "pages": String(pages)])))</span>
            \(page.page < pages ? link(page.page + 1, t("cases.next")) : "")</nav>
            """
        let exports = req.principal?.role.movesCasesInBulk == true
            ? "<p class=\"actions\">\(esc(t("cases.export"))): <a href=\"/cases/export.csv\">CSV</a> · <a href=\"/cases/export.xlsx\">XLSX</a></p>" : ""
        let body = """
            <h1>\(esc(t("cases.title")))</h1>
            <p><a class="button" href="/cases/new">\(esc(t("case.new")))</a></p>
            \(filters)
            <p role="status">\(esc(t("cases.count", ["n": String(page.total)])))</p>
            \(page.items.isEmpty ? "<p>\(esc(t("cases.none")))</p>" : """
            <div class="table-wrap"><table id="case-list">
            <thead><tr><th scope="col">\(esc(t("cases.code")))</th><th scope="col">\(esc(t("cases.status")))</th>
            <th scope="col">\(esc(t("cases.traffickingStatus")))</th><th scope="col">\(esc(t("cases.gender")))</th>
            <th scope="col">\(esc(t("cases.ageGroup")))</th><th scope="col">\(esc(t("cases.citizenship")))</th>
            <th scope="col">\(esc(t("cases.exploitation")))</th><th scope="col">\(esc(t("cases.updated")))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            """)
            \(pager)
            \(exports)
            """
        return Layout.page(req, title: t("cases.title"), body: body)
    }

    /// The case form, one fieldset per section of the standard. `issues` are shown beside their fields.
    static func form(_ req: Request, record: CaseRecord?, values: CaseFields, issues: [ValidationIssue]) -> Response {
        let t = req.localizer
        let problems = Dictionary(grouping: issues, by: \.field)
        let sections = HTCDSField.Section.allCases.map { section -> String in
            let inputs = HTCDS.fields.filter { $0.section == section }.map { field in
                input(field, value: values[field.name], problems: problems[field.name] ?? [], t)
            }.joined(separator: "\n")
            return "<fieldset><legend>\(esc(t("section.\(section.rawValue)")))</legend>\n\(inputs)\n</fieldset>"
        }.joined(separator: "\n")
        let title = record == nil ? t("case.new") : t("case.edit") + " " + (record?.caseCode ?? "")
        let summary = issues.isEmpty ? "" : """
            <div class="alert" role="alert" tabindex="-1" id="problems"><p>\(esc(t("case.fixErrors")))</p><ul>\(issues.map {
                "<li><a href=\"#f-\(esc($0.field))\">\(esc(HTCDS.field(named: $0.field).map(t.label) ?? $0.field))</a>: \(esc($0.message))</li>"
            }.joined())</ul></div>
            """
        let body = """
            <h1>\(esc(title))</h1>
            \(summary)
            <p class="note">\(esc(t("case.personalNote")))</p>
            <form method="post" action="\(record.map { "/cases/\($0.id)" } ?? "/cases")" class="case-form" novalidate>
            \(Layout.csrfField(req))
            \(record.map { "<input type=\"hidden\" name=\"_version\" value=\"\($0.version)\">" } ?? "")
            \(sections)
            <p class="actions"><button type="submit">\(esc(t("case.save")))</button>
            <a href="\(record.map { "/cases/\($0.id)" } ?? "/cases")">\(esc(t("case.cancel")))</a></p>
            </form>
            """
        return Layout.page(req, title: title, status: issues.isEmpty ? .ok : .unprocessableEntity, body: body)
    }

    private static func input(_ field: HTCDSField, value: FieldValue?, problems: [ValidationIssue], _ t: Localizer) -> String {
        let id = "f-\(field.name)"
        let label = esc(t.label(field)) + (field.personal ? " <span class=\"badge\">\(esc(t("case.protected")))</span>" : "")
        let error = problems.isEmpty ? "" : "<span class=\"error\" id=\"\(id)-error\">\(esc(problems.map(\.message).joined(separator: "; ")))</span>"
        let described = problems.isEmpty ? "" : " aria-invalid=\"true\" aria-describedby=\"\(id)-error\""
        let current = value?.description ?? ""
        func options(_ entries: [(String, String)]) -> String {
            "<option value=\"\">\(esc(t("choose")))</option>" + entries.map {
                "<option value=\"\(esc($0.0))\"\($0.0 == current ? " selected" : "")>\(esc($0.1))</option>"
            }.joined()
        }
        switch field.kind {
        case .many(let list):
            let chosen = Set(value?.values ?? [])
            let boxes = Picklists.named(list).entries.enumerated().map { index, entry in
                """
                <label class="check"><input type="checkbox" name="\(field.name)" value="\(esc(entry.code))" id="\(id)-\(index)"\(chosen.contains(entry.code) ? " checked" : "")> \(esc(entry.label))</label>
                """
            }.joined()
            return "<fieldset class=\"field many\" id=\"\(id)\"\(described)><legend>\(label)</legend>\(error)<div class=\"checks\">\(boxes)</div></fieldset>"
        case .one(let list):
            return "<div class=\"field\"><label for=\"\(id)\">\(label)</label>\(error)<select id=\"\(id)\" name=\"\(field.name)\"\(described)>\(options(Picklists.named(list).entries.map { ($0.code, $0.label) }))</select></div>"
        case .country:
            return "<div class=\"field\"><label for=\"\(id)\">\(label)</label>\(error)<select id=\"\(id)\" name=\"\(field.name)\"\(described)>\(options(Countries.all.sorted { $0.name < $1.name }.map { ($0.alpha3, "\($0.name) (\($0.alpha3))") }))</select></div>"
        case .boolean:
            return "<div class=\"field\"><label for=\"\(id)\">\(label)</label>\(error)<select id=\"\(id)\" name=\"\(field.name)\"\(described)>\(options([("TRUE", t("yes")), ("FALSE", t("no"))]))</select></div>"
        case .date:
            return "<div class=\"field\"><label for=\"\(id)\">\(label)</label>\(error)<input type=\"date\" id=\"\(id)\" name=\"\(field.name)\" value=\"\(esc(current))\"\(described)></div>"
        case .text(let maxLength):
            if maxLength > 500 {
                return "<div class=\"field wide\"><label for=\"\(id)\">\(label)</label>\(error)<textarea id=\"\(id)\" name=\"\(field.name)\" rows=\"3\" maxlength=\"\(maxLength)\"\(described)>\(esc(current))</textarea></div>"
            }
            let type = field.name == "prs_Email" ? "email" : field.name.hasSuffix("Phone") ? "tel" : "text"
            return "<div class=\"field\"><label for=\"\(id)\">\(label)</label>\(error)<input type=\"\(type)\" id=\"\(id)\" name=\"\(field.name)\" value=\"\(esc(current))\" maxlength=\"\(maxLength)\"\(described)></div>"
        }
    }

    static func record(_ req: Request, _ record: CaseRecord, history: [AuditRecord], saved: Bool) -> Response {
        let t = req.localizer
        let sections = HTCDSField.Section.allCases.map { section -> String in
            let items = HTCDS.fields.filter { $0.section == section }.compactMap { field -> String? in
                guard let value = record.fields[field.name] else { return nil }
                return "<dt>\(esc(t.label(field)))\(field.personal ? " <span class=\"badge\">\(esc(t("case.protected")))</span>" : "")</dt><dd>\(esc(display(value, for: field, t)))</dd>"
            }
            return items.isEmpty ? "" : "<section><h2>\(esc(t("section.\(section.rawValue)")))</h2><dl>\(items.joined())</dl></section>"
        }.joined(separator: "\n")
        let rows = history.reversed().prefix(100).map { entry in
            """
            <tr><td>\(esc(entry.at.formatted(.iso8601)))</td><td>\(esc(entry.actorName))</td>
            <td>\(esc(t("action.\(entry.action.rawValue)")))</td><td>\(esc(entry.action == .read ? "" : entry.fields.joined(separator: ", ")))</td></tr>
            """
        }.joined()
        let body = """
            \(saved ? "<p class=\"notice\" role=\"status\">\(esc(t("case.saved")))</p>" : "")
            <h1>\(esc(record.caseCode))</h1>
            <p class="meta">\(esc(t("case.version"))) \(record.version) · \(esc(t("case.created"))) \(esc(record.createdAt?.formatted(.iso8601) ?? ""))</p>
            <p><a class="button" href="/cases/\(record.id)/edit">\(esc(t("case.edit")))</a></p>
            \(sections)
            <section><h2>\(esc(t("case.history")))</h2><div class="table-wrap"><table id="history">
            <thead><tr><th scope="col">\(esc(t("history.when")))</th><th scope="col">\(esc(t("history.who")))</th>
            <th scope="col">\(esc(t("history.what")))</th><th scope="col">\(esc(t("history.fields")))</th></tr></thead>
            <tbody>\(rows)</tbody></table></div></section>
            """
        return Layout.page(req, title: record.caseCode, body: body)
    }
}
