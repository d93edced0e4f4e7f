import Foundation
import PalermoCore
import PalermoReport
import PalermoStore
import Plot
import Vapor

/// The case form, one fieldset per section of the standard, with a jump list to the sections, the problems
/// of a failed save listed first (each a link to its field) and beside their fields, and the values as typed.
struct CaseFormPage {
    enum Control {
        case select([Choice], empty: String)
        case checks([Choice])
        case date(String)
        case text(type: String, value: String, maxLength: Int)
        case textarea(String, maxLength: Int)
    }

    struct Field {
        let id: String
        let name: String
        let label: String
        let protected: Bool
        let error: String?
        let control: Control
        /// Shown only when another field holds a value (`name=value`); the script hides it otherwise.
        let shownWhen: String?
        /// What the standard says each choice means (its own English text), by the choice's label.
        let definitions: [(label: String, text: String)]
        /// For a long list (countries): the label of the box the script adds to find a choice by typing.
        let filterLabel: String?
    }

    struct Section { let id: String; let legend: String; let fields: [Field] }
    struct Problem { let href: String; let label: String; let message: String }
    /// The same person (names and birth date) already has a case: which ones, and how to go on.
    struct DuplicateWarning { let text: String; let cases: [(href: String, code: String)]; let confirm: String }

    /// Fields that apply only to some forms of exploitation.
    static let conditions = [
        "vic_ForcedLabourIndustry": "vic_TypeOfExploitation=ForcedLabour",
        "vic_LabourIndustryTier2": "vic_TypeOfExploitation=ForcedLabour",
        "vic_LabourIndustryTier3": "vic_TypeOfExploitation=ForcedLabour",
        "vic_TypeOfSexExploitation": "vic_TypeOfExploitation=SexualExploitation",
    ]

    let title: String
    let action: String
    let csrf: String
    let version: Int?
    let fixErrors: String?
    let problems: [Problem]
    let duplicateWarning: DuplicateWarning?
    let personalNote: String
    let protectedLabel: String
    let jumpLabel: String
    let definitionsLabel: String
    let sections: [Section]
    let saveLabel: String
    let cancelHref: String
    let cancelLabel: String

    init(
        _ w: Wording, record: CaseRecord?, values: CaseFields, issues: [ValidationIssue], csrf: String,
        duplicates: [DuplicateCase] = []
    ) {
        let text = ValidationText(w)
        let byField = Dictionary(grouping: issues, by: \.field)
        // Four fields pick a country: the names are looked up and sorted once for the form.
        let countries = w.countryChoices()
        title = record.map { w("case.edit") + " " + $0.caseCode } ?? w("case.new")
        action = record.map { "/cases/\($0.id)" } ?? "/cases"
        self.csrf = csrf
        version = record?.version
        fixErrors = issues.isEmpty ? nil : w("case.fixErrors")
        problems = issues.map {
            Problem(href: "#f-\($0.field)", label: text.fieldLabel($0.field), message: text.message($0))
        }
        duplicateWarning =
            duplicates.isEmpty
            ? nil
            : DuplicateWarning(
                text: w("case.duplicate"), cases: duplicates.map { ("/cases/\($0.id)", $0.caseCode) },
                confirm: w("case.duplicateConfirm"))
        personalNote = w("case.personalNote")
        protectedLabel = w("case.protected")
        jumpLabel = w("case.jump")
        definitionsLabel = w("case.definitions")
        sections = HTCDSField.Section.allCases.map { section in
            Section(
                id: "s-\(section.rawValue)", legend: w("section.\(section.rawValue)"),
                fields: HTCDS.fields.filter { $0.section == section }.map { field in
                    Self.field(
                        field, value: values[field.name], issues: byField[field.name] ?? [], countries: countries, w,
                        text)
                })
        }
        saveLabel = w("case.save")
        cancelHref = record.map { "/cases/\($0.id)" } ?? "/cases"
        cancelLabel = w("case.cancel")
    }

    private static func field(
        _ field: HTCDSField, value: FieldValue?, issues: [ValidationIssue], countries: [Choice], _ w: Wording,
        _ text: ValidationText
    ) -> Field {
        let current = value?.description ?? ""
        let control: Control =
            switch field.kind {
            case .many(let list): .checks(w.choices(list, selected: Set(value?.values ?? [])))
            case .one(let list): .select(w.choices(list, selected: [current]), empty: w("choose"))
            case .country: .select(countries.selecting(current), empty: w("choose"))
            case .boolean:
                .select(
                    [
                        Choice(value: "TRUE", label: w("yes"), selected: current == "TRUE"),
                        Choice(value: "FALSE", label: w("no"), selected: current == "FALSE"),
                    ], empty: w("choose"))
            case .date: .date(current)
            case .text(let maxLength) where maxLength > 500: .textarea(current, maxLength: maxLength)
            case .text(let maxLength):
                .text(
                    type: field.name == "prs_Email" ? "email" : field.name.hasSuffix("Phone") ? "tel" : "text",
                    value: current, maxLength: maxLength)
            }
        return Field(
            id: "f-\(field.name)", name: field.name, label: w.label(field), protected: field.personal,
            error: issues.isEmpty ? nil : issues.map(text.message).joined(separator: "; "), control: control,
            shownWhen: conditions[field.name], definitions: definitions(of: field, w),
            filterLabel: field.kind == .country ? w("case.countryFilter") : nil)
    }

    private static func definitions(of field: HTCDSField, _ w: Wording) -> [(label: String, text: String)] {
        switch field.kind {
        case .one(let list), .many(let list): Definitions.of(list).map { (w.picklist(list, $0.code), $0.definition) }
        default: []
        }
    }

    var view: Node<HTML.BodyContext> {
        .group(
            .h1(.words(title)),
            .unwrap(fixErrors) { heading in
                .div(
                    .class("alert"), .attr("role", "alert"), .attr("tabindex", "-1"), .attr("id", "problems"),
                    .p(.words(heading)),
                    .ul(
                        .forEach(problems) { problem in
                            .li(.a(.attr("href", problem.href), .words(problem.label)), .words(": " + problem.message))
                        }))
            },
            .unwrap(duplicateWarning) { warning in
                .div(
                    .class("alert warning"), .attr("role", "alert"), .attr("tabindex", "-1"), .attr("id", "duplicates"),
                    .p(.words(warning.text)),
                    .ul(.forEach(warning.cases) { .li(.a(.attr("href", $0.href), .words($0.code))) }),
                    .p(.words(warning.confirm)))
            },
            .p(.class("note"), .words(personalNote)),
            .nav(
                .class("jump"), .attr("aria-label", jumpLabel),
                .ul(.forEach(sections) { .li(.a(.attr("href", "#" + $0.id), .words($0.legend))) })),
            FormMarkup.form(
                method: "post", action: action, .class("case-form"), .attr("novalidate", "novalidate"),
                FormMarkup.hidden("_csrf", csrf),
                .unwrap(version) { FormMarkup.hidden("_version", String($0)) },
                .if(duplicateWarning != nil, FormMarkup.hidden("_allowDuplicate", "1")),
                .forEach(sections) { section in
                    FormMarkup.fieldset(
                        .attr("id", section.id), FormMarkup.legend(.words(section.legend)),
                        .div(.class("fields"), .forEach(section.fields, fieldView)))
                },
                .div(
                    .class("save-bar"), FormMarkup.button(saveLabel), .a(.attr("href", cancelHref), .words(cancelLabel))
                )
            )
        )
    }

    /// The standard's definitions of a field's choices, folded away until asked for.
    private func help(_ field: Field) -> Node<HTML.BodyContext> {
        .if(
            !field.definitions.isEmpty,
            .details(
                .class("help"), .summary(.words(definitionsLabel)),
                .dl(
                    .forEach(field.definitions) { item in
                        .group(.dt(.words(item.label)), .dd(.attr("lang", "en"), .words(item.text)))
                    })))
    }

    private func fieldView(_ field: Field) -> Node<HTML.BodyContext> {
        let label: Node<HTML.BodyContext> = .group(
            .words(field.label),
            .if(
                field.protected,
                .group(
                    .text(" "), .span(.class("badge"), .words(protectedLabel)))))
        let errorID = field.id + "-error"
        let invalid: FormMarkup.Attributes =
            field.error == nil ? [] : [.attr("aria-invalid", "true"), .attr("aria-describedby", errorID)]
        let invalidNodes: Node<HTML.BodyContext> = .group(invalid.map(\.node))
        let error: Node<HTML.BodyContext> = .unwrap(field.error) {
            .span(.class("error"), .attr("id", errorID), .words($0))
        }
        let condition: Node<HTML.BodyContext> = .unwrap(field.shownWhen) { .attr("data-shown-when", $0) }
        func labelled(_ control: Node<HTML.BodyContext>, wide: Bool = false) -> Node<HTML.BodyContext> {
            .div(
                .attr("class", wide ? "field wide" : "field"), condition,
                FormMarkup.label(.attr("for", field.id), label), error, control, help(field))
        }
        switch field.control {
        case .checks(let choices):
            return FormMarkup.fieldset(
                .class("field many"), .attr("id", field.id), condition,
                field.error == nil ? .empty : .attr("aria-describedby", errorID),
                FormMarkup.legend(label), error,
                .div(
                    .class("checks"),
                    .forEach(choices.enumerated()) { index, choice in
                        FormMarkup.label(
                            .class("check"),
                            FormMarkup.input([
                                .attr("type", "checkbox"), .attr("name", field.name), .attr("value", choice.value),
                                .attr("id", "\(field.id)-\(index)"), .flag("checked", choice.selected),
                            ]),
                            .words(" " + choice.label))
                    }),
                help(field))
        case .select(let choices, let empty):
            return labelled(
                FormMarkup.select(
                    .attr("id", field.id), .attr("name", field.name), invalidNodes,
                    .unwrap(field.filterLabel) { .attr("data-filter", $0) },
                    FormMarkup.options(choices, empty: empty)))
        case .date(let value):
            return labelled(
                FormMarkup.input(
                    [
                        .attr("type", "date"), .attr("id", field.id), .attr("name", field.name),
                        .attr("value", value),
                    ] + invalid))
        case .text(let type, let value, let maxLength):
            return labelled(
                FormMarkup.input(
                    [
                        .attr("type", type), .attr("id", field.id), .attr("name", field.name),
                        .attr("value", value), .attr("maxlength", String(maxLength)),
                    ] + invalid))
        case .textarea(let value, let maxLength):
            return labelled(
                FormMarkup.textarea(
                    .attr("id", field.id), .attr("name", field.name), .attr("rows", "3"),
                    .attr("maxlength", String(maxLength)), invalidNodes, .words(value)), wide: true)
        }
    }
}
