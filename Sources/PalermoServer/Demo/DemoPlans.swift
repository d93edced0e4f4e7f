import Foundation
import PalermoCore
import PalermoStore
import Vapor

/// Two States' national action plans, published (Kenya's drafted by faith and approved by grace, Uganda's by
/// moses and ruth), and two reporting rounds opened by the secretariat (admin): in 2025 Kenya reported and the
/// round is closed; in 2026 both States reported.
enum DemoPlans {
    static func load(into app: Application) async throws {
        let store = app.palermo.store
        let users = try await UserModel.query(on: store.database).all()
        func principal(_ name: String) -> Principal? { users.first { $0.username == name }?.principal }
        guard let faith = principal("faith"), let grace = principal("grace"), let moses = principal("moses"),
            let ruth = principal("ruth"), let admin = principal("admin")
        else { return }
        let plans = store.nationalPlans
        let kenya = try await plans.create(Self.kenya, by: faith)
        for (step, who) in [(NationalPlans.Step.submit, faith), (.approve, grace), (.publish, faith)] {
            _ = try await plans.step(kenya.id, step, comment: nil, by: who)
        }
        let uganda = try await plans.create(Self.uganda, by: moses)
        for (step, who) in [(NationalPlans.Step.submit, moses), (.approve, ruth), (.publish, moses)] {
            _ = try await plans.step(uganda.id, step, comment: nil, by: who)
        }
        // A UN entity's commitments in the same shape, drafted by lena and approved by omar.
        if let lena = principal("lena"), let omar = principal("omar") {
            let unodc = try await plans.create(Self.unodc, by: lena)
            for (step, who) in [(NationalPlans.Step.submit, lena), (.approve, omar), (.publish, lena)] {
                _ = try await plans.step(unodc.id, step, comment: nil, by: who)
            }
        }
        let rounds = store.reportingRounds
        let first = try await rounds.open(
            ReportingRound(
                title: "Reporting round 2025", theme: "Identification and referral of victims", from: "2025-01-01",
                to: "2025-12-31", questions: ["How do organisations refer victims to one another?"]), by: admin)
        _ = try await rounds.file(
            first.id,
            Self.kenyaReport(
                spentShare: 0.3, convicted: 16, days: 8,
                answer: "Through the national referral mechanism, on consent."), by: faith)
        _ = try await rounds.close(first.id, by: admin)
        let compensation = try await rounds.recommend(
            Recommendation(
                country: "KEN",
                text: "Give victims a way to claim compensation from traffickers' confiscated assets (demo)."),
            after: first.id, by: admin)
        _ = try await rounds.recommend(
            Recommendation(country: "UGA", text: "Publish the national referral guidelines in local languages (demo)."),
            after: first.id, by: admin)
        let second = try await rounds.open(
            ReportingRound(
                title: "Reporting round 2026", theme: "Assistance and prosecution", from: "2026-01-01",
                to: "2026-12-31", questions: ["What stands in the way of compensation for victims?"]), by: admin)
        var kenya2026 = Self.kenyaReport(
            spentShare: 0.7, convicted: 21, days: 6,
            answer: "Few victims know they can claim, and courts rarely order traffickers to pay.")
        kenya2026.followUp = [
            .init(
                recommendation: compensation.id, progress: .partlyImplemented,
                note: "A draft bill on a victims' fund is before Parliament.")
        ]
        _ = try await rounds.file(second.id, kenya2026, by: faith)
        // An agency's contribution to Kenya's report, for the focal point to gather.
        try await rounds.contribute(
            Contribution(
                answers: [
                    .init(question: 0, text: "Victims rarely know they can claim; few courts order compensation.")
                ], note: "Court records for 2026 follow at the end of the year (demo)."), to: second.id, by: grace)
        _ = try await rounds.file(
            second.id,
            StateReport(
                measures: [.init(objective: 0, measure: 0, progress: .underway, spent: 310_000_000)],
                indicators: [
                    .init(
                        objective: 0, indicator: 0, value: 85,
                        source: "Ministry of Gender, Labour and Social Development, inspection register")
                ],
                answers: [.init(question: 0, text: "Victims rarely know they can claim; legal aid is scarce.")]),
            by: moses)
    }

    /// Kenya's report: measures under way with a share of their budgets spent, and the figures Palermo cannot
    /// count from its records (the computed ones it fills in itself).
    static func kenyaReport(spentShare: Double, convicted: Double, days: Double, answer: String) -> StateReport {
        var measures: [StateReport.MeasureStatus] = []
        for (o, objective) in kenya.objectives.enumerated() {
            for (m, measure) in objective.measures.enumerated() {
                measures.append(
                    .init(
                        objective: o, measure: m, progress: .underway,
                        spent: measure.budget.map { ($0.amount * spentShare).rounded() }))
            }
        }
        return StateReport(
            measures: measures,
            indicators: [
                .init(objective: 0, indicator: 1, value: days, source: "National referral mechanism records"),
                .init(objective: 2, indicator: 0, value: convicted, source: "Judiciary, annual report"),
            ],
            answers: [.init(question: 0, text: answer)])
    }

    static let unodc = NationalPlan(
        kind: .commitment, country: "KEN", title: "UNODC commitments for Eastern Africa 2026–2027 (demo)",
        fromYear: 2026, toYear: 2027, breakdowns: [],
        objectives: [
            .init(
                text: "Help the States of the region prosecute trafficking and cooperate across borders",
                paragraphs: ["51", "61", "65"],
                indicators: [
                    .init(name: "Prosecutors and judges trained", unit: "persons", baseline: 0, target: 240)
                ],
                measures: [
                    .init(
                        text: "Regional training of prosecutors and judges on trafficking cases",
                        responsible: "UNODC Regional Office for Eastern Africa",
                        budget: .init(amount: 250_000, currency: "USD"), start: "2026-03-01", end: "2027-11-30",
                        paragraphs: ["51"])
                ])
        ])

    static let kenya = NationalPlan(
        kind: .national, country: "KEN", title: "National Plan of Action against Trafficking in Persons 2026–2030",
        fromYear: 2026, toYear: 2030, breakdowns: ["sex", "age group", "form of exploitation", "citizenship"],
        objectives: [
            .init(
                text: "Identify more victims, earlier, and refer every one to services with their consent",
                paragraphs: ["16", "25"],
                indicators: [
                    .init(
                        name: "Victims identified", unit: "persons", baseline: 210, baselineYear: 2025, target: 400,
                        targetYear: 2030, breakdown: ["sex", "age group", "form of exploitation"],
                        computed: "victimsIdentified"),
                    .init(
                        name: "Median days from identification to referral", unit: "days", baseline: 9,
                        baselineYear: 2025, target: 3, targetYear: 2028, computed: "timeToReferral"),
                ],
                measures: [
                    .init(
                        text: "Train labour inspectors and border officers in the ILO/EC indicators",
                        responsible: "Ministry of Labour", budget: .init(amount: 12_500_000, currency: "KES"),
                        start: "2026-02-01", end: "2027-06-30", paragraphs: ["26"]),
                    .init(
                        text: "Run the national referral mechanism on a shared directory of services",
                        responsible: "National Counter-Trafficking Secretariat",
                        budget: .init(amount: 4_000_000, currency: "KES"), start: "2026-01-01", end: "2030-12-31",
                        paragraphs: ["25", "60"]),
                ]),
            .init(
                text: "Assist victims in recovery, return and reintegration", paragraphs: ["30", "32", "35"],
                indicators: [
                    .init(
                        name: "Victims given at least one service", unit: "persons", baseline: 150,
                        baselineYear: 2025, target: 380, targetYear: 2030, breakdown: ["sex", "age group"],
                        computed: "servicesGiven")
                ],
                measures: [
                    .init(
                        text: "Open a second shelter for children in Mombasa", responsible: "Children's Department",
                        budget: .init(amount: 180_000, currency: "USD"), start: "2026-07-01", end: "2027-12-31",
                        paragraphs: ["35"])
                ]),
            .init(
                text: "Prosecute traffickers and confiscate their assets", paragraphs: ["42", "49"],
                indicators: [
                    .init(
                        name: "Persons convicted of trafficking", unit: "persons", baseline: 14, baselineYear: 2025,
                        target: 40, targetYear: 2030, computed: "convicted")
                ],
                measures: [
                    .init(
                        text: "A specialised unit of prosecutors",
                        responsible: "Office of the Director of Public Prosecutions",
                        budget: nil, start: "2026-01-01", end: "2026-12-31", paragraphs: ["49", "51"])
                ]),
        ])

    static let uganda = NationalPlan(
        kind: .national, country: "UGA", title: "National Action Plan to Prevent Trafficking in Persons 2026–2029",
        fromYear: 2026, toYear: 2029, breakdowns: ["sex", "age group"],
        objectives: [
            .init(
                text: "Prevent trafficking for labour exploitation abroad", paragraphs: ["13", "19"],
                indicators: [
                    .init(
                        name: "Recruitment agencies inspected", unit: "agencies", baseline: 40, baselineYear: 2025,
                        target: 200, targetYear: 2029)
                ],
                measures: [
                    .init(
                        text: "License and inspect external recruitment agencies",
                        responsible: "Ministry of Gender, Labour and Social Development",
                        budget: .init(amount: 850_000_000, currency: "UGX"), start: "2026-03-01", end: "2029-12-31",
                        paragraphs: ["19", "33"])
                ])
        ])
}
