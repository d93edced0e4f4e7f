import Foundation
import PalermoCore
import PalermoReport
import Plot

/// `/plan`: the Plan's sections and paragraphs, each with its title, text, actors, suggested indicators and the
/// figures Palermo computes for it; deleted and merged paragraphs as the draft marks them. The Plan's wording
/// is in English (marked so); Palermo's titles and suggested indicators for it, and everything around them, are
/// localised (an untranslated one falls back to English, marked so).
struct PlanPage {
    struct Paragraph {
        let id: String
        let number: String
        let title: String?
        /// "en" when the title is Palermo's English one (no translation yet); nil when it is in the reader's language.
        let titleLanguage: String?
        let text: String?
        /// Deleted, merged, or read from an earlier draft: what the reader should know before the text.
        let remarks: [String]
        let actors: String?
        /// Suggested indicators, each with "en" when it is Palermo's English wording (no translation yet).
        let indicators: [(text: String, language: String?)]
        let computed: [String]
    }

    struct Section {
        let heading: String
        let paragraphs: [Paragraph]
    }

    let title: String
    let intro: String
    let source: String
    let labels: (actors: String, indicators: String, computed: String)
    let sections: [Section]

    init(_ w: Wording, plan: PlanOfAction) {
        title = w("plan.title")
        intro = w("plan.intro", ["version": ReferralPanel.day(plan.version, w)])
        source = w("plan.source")
        labels = (w("plan.actors"), w("plan.indicators"), w("plan.computed"))
        sections = plan.sections.map { section in
            Section(
                heading: (section.number.map { $0 + ". " } ?? "") + w("plan.section.\(section.id)"),
                paragraphs: plan.paragraphs(in: section.id).map { Self.paragraph($0, w) })
        }
    }

    static func paragraph(_ p: PlanParagraph, _ w: Wording) -> Paragraph {
        var remarks: [String] = []
        switch p.status {
        case .deleted: remarks.append(w("plan.deleted"))
        case .merged: remarks.append(w("plan.merged", ["number": p.mergedInto ?? "—"]))
        case .active: break
        }
        if !p.inScan { remarks.append(w("plan.notInScan")) }
        if p.inScan && p.complete == false { remarks.append(w("plan.incomplete")) }
        let translated = w.optional("plan.paragraphTitle.\(p.number)")
        return Paragraph(
            id: "p" + p.number, number: p.number, title: translated ?? p.title,
            titleLanguage: translated == nil ? "en" : nil, text: p.text ?? p.earlierWording, remarks: remarks,
            actors: p.actors.map { $0.map { w("actor.\($0.rawValue)") }.joined(separator: ", ") },
            indicators: (p.indicators ?? []).enumerated().map { i, english in
                w.optional("plan.suggested.\(p.number).\(i)").map { ($0, nil) } ?? (english, "en")
            }, computed: (p.computed ?? []).map { w("plan.measure.\($0)") })
    }

    var view: Node<HTML.BodyContext> { PlanView.render(self) }
}
