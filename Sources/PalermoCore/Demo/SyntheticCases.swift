import Foundation

/// A reproducible random stream (SplitMix64), so demo data and test data are the same on every run.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Invented but plausible HTCDS cases for demonstrations and load tests. Every name is made up;
/// the mix of forms of exploitation, sexes and routes loosely follows the shape of published data.
public enum SyntheticCases {
    static let givenNames = [
        "Amina", "Grace", "Wanjiru", "Fatuma", "Halima", "Esther", "Mercy", "Joseph", "Peter", "Samuel",
        "Aisha", "Mariam", "Nadia", "Hassan", "Ibrahim", "Daniel", "Ruth", "Faith", "Zawadi", "Tesfaye",
        "Selam", "Abdi", "Khadija", "Moses", "Lucy", "Achieng", "Nasra", "Yusuf", "Beatrice", "Kofi",
    ]
    static let familyNames = [
        "Otieno", "Mwangi", "Achieng", "Hassan", "Mohamed", "Okello", "Nakato", "Tesfaye", "Bekele", "Abdi",
        "Kamau", "Wambui", "Nyambura", "Omondi", "Juma", "Mutua", "Kiptoo", "Chebet", "Nalubega", "Mensah",
    ]
    /// Countries of citizenship, weighted towards the region where the demo organisations work.
    static let citizenships = [
        "KEN", "KEN", "KEN", "UGA", "UGA", "TZA", "ETH", "ETH", "SOM", "SSD", "COD", "BDI", "RWA", "NPL", "IND",
    ]
    static let destinations = ["KEN", "KEN", "KEN", "UGA", "SAU", "ARE", "QAT", "OMN", "LBN", "ZAF", "TZA"]

    /// One case's fields, as a caseworker would enter them.
    public static func fields(
        index: Int, using rng: inout some RandomNumberGenerator, today: Date = Date()
    ) -> [String: FieldValue?] {
        let female = Double.random(in: 0..<1, using: &rng) < 0.68
        let child = Double.random(in: 0..<1, using: &rng) < 0.3
        let exploitation: [String] = {
            let roll = Double.random(in: 0..<1, using: &rng)
            switch roll {
            case ..<0.38: return ["SexualExploitation"]
            case ..<0.76: return ["ForcedLabour"]
            case ..<0.82: return ["ForcedLabour", "SexualExploitation"]
            case ..<0.87: return ["ForcedMarriage"]
            case ..<0.92: return ["ForcedBegging"]
            case ..<0.95: return ["ChildLabour"]
            case ..<0.97: return ["Servitude"]
            default: return ["Other"]
            }
        }()
        let referral = today.addingTimeInterval(-Double(Int.random(in: 1...(5 * 365), using: &rng)) * 86_400)
        let age = child ? Int.random(in: 8...17, using: &rng) : Int.random(in: 18...55, using: &rng)
        let birth = Calendar(identifier: .gregorian).date(
            byAdding: .day, value: -(age * 365 + Int.random(in: 0...300, using: &rng)), to: referral)!
        let citizenship = citizenships.randomElement(using: &rng)!
        var fields: [String: FieldValue?] = [
            "prs_FirstName": .text(givenNames.randomElement(using: &rng)!),
            "prs_SecondName": .text(familyNames.randomElement(using: &rng)!),
            "prs_Birthdate": .text(day(birth)),
            "prs_Gender": .text(
                female
                    ? "Feminine" : (Double.random(in: 0..<1, using: &rng) < 0.97 ? "Masculine" : "NonSpecifiedUnknown")),
            "prs_Citizenship": .text(citizenship),
            "prs_MobilePhone": .text(
                "+254 7\(Int.random(in: 10...99, using: &rng)) \(Int.random(in: 100_000...999_999, using: &rng))"),
            "con_Consent": .text(Double.random(in: 0..<1, using: &rng) < 0.9 ? "TRUE" : "FALSE"),
            "vic_TraffickingStatus": .text(
                [
                    "PossibleVictimOfTrafficking", "ActualVictimOfTrafficking", "ActualVictimOfTrafficking",
                    "NotAVictimOfTrafficking",
                ].randomElement(using: &rng)!),
            "vic_TraffickingStatusDecisionMakingOrg": .text(
                ["Police", "NGO", "CourtOrProsecution", "NonPoliceGovernmentalOrganization"].randomElement(using: &rng)!
            ),
            "vic_MethodOfRecruitment": .list([
                [
                    "ThroughFriendsOrSocialEvents", "ThroughFamilyOrFamilyEvents", "ThroughOnlineSocialNetworks",
                    "ThroughAnOnlineAdvertisement", "AtWork",
                ].randomElement(using: &rng)!
            ]),
            "vic_LocationOfRecruitment": .text(citizenship),
            "vic_MethodsOfControl": .list(
                Array(
                    [
                        "FalsePromises", "DebtBondage", "WithholdsDocuments", "PhysicalThreats", "TakesEarnings",
                        "PsychologicalAbuse", "ExcessiveWorkingHours",
                    ].shuffled(using: &rng).prefix(Int.random(in: 1...3, using: &rng)))),
            "vic_TypeOfExploitation": .list(exploitation),
            "vic_LocationOfExploitation": .text(destinations.randomElement(using: &rng)!),
            "cas_Status": .text(
                ["Active", "Active", "FollowUp", "Closed", "ClosedReferred"].randomElement(using: &rng)!),
            "cas_IncomingReferralDate": .text(day(referral)),
            "cas_ReferringOrganisation": .text(
                ["Police", "Labour inspectorate", "Hotline", "Embassy", "Community leader", "Self-referral"]
                    .randomElement(using: &rng)!),
            "cas_ReasonForIncomingReferral": .text("Identified during outreach; needs shelter and counselling"),
            "asm_IndividualRisk": .text(["Low", "Medium", "High"].randomElement(using: &rng)!),
        ]
        if exploitation.contains("ForcedLabour") {
            fields["vic_ForcedLabourIndustry"] = .list([
                [
                    "T_ActivitiesOfHouseholdsAsEmployers", "A_AgricultureForestryAndFishing", "F_Construction",
                    "C_Manufacturing", "I_AccommodationAndFoodServiceActivities",
                ].randomElement(using: &rng)!
            ])
        }
        if exploitation.contains("SexualExploitation") {
            fields["vic_TypeOfSexExploitation"] = .list([
                ["Prostitution", "PrivateSexualServices", "Pornography", "RemoteInteractiveServices"].randomElement(
                    using: &rng)!
            ])
        }
        // Derived without drawing from the generator, so the demo's people and figures stay as they were.
        fields["cas_IdentificationDate"] = .text(day(referral))
        if case .text(let status)?? = fields["cas_Status"], CaseRules.closedStatuses.contains(status) {
            fields["cas_ClosureDate"] = .text(day(min(today, referral.addingTimeInterval(120 * 86_400))))
            fields["cas_ReasonForCaseClosure"] = .text(
                status == "Closed" ? "Recovery plan completed" : "Referred on for long-term support")
        }
        _ = index
        return fields
    }

    private static func day(_ date: Date) -> String {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
}
