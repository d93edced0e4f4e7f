extension OperationalIndicators {
    /// The four lists in one table. Each row's grades are for adults in labour, adults in sexual, children in
    /// labour and children in sexual exploitation: S strong, M medium, W weak, - not in that list.
    /// The labour lists follow the publication's lists (67 indicators for adults, 65 for children, no weak ones
    /// for children). The sexual lists differ from them where the publication does: forced tasks or clients is
    /// strong, excessive hours is not (no strong exploitation indicator for adults), hazardous work is strong
    /// for children. See docs/screening.md for the source and how a deployment checks it.
    public static let catalogue: [Indicator] = rows.map { code, dimension, grades in
        var strengths: [List: Strength] = [:]
        for (list, grade) in zip(List.allCases, grades) {
            switch grade {
            case "S": strengths[list] = .strong
            case "M": strengths[list] = .medium
            case "W": strengths[list] = .weak
            default: break
            }
        }
        return Indicator(code: code, dimension: dimension, strengths: strengths)
    }

    private static let rows: [(String, Dimension, String)] = [
        ("dr.natureOfJob", .deceptiveRecruitment, "SSSS"),
        ("dr.conditions", .deceptiveRecruitment, "MMMM"),
        ("dr.contract", .deceptiveRecruitment, "MMMM"),
        ("dr.familyReunification", .deceptiveRecruitment, "MMMM"),
        ("dr.housing", .deceptiveRecruitment, "MMMM"),
        ("dr.documents", .deceptiveRecruitment, "MMMM"),
        ("dr.travel", .deceptiveRecruitment, "MMMM"),
        ("dr.wages", .deceptiveRecruitment, "MMMM"),
        ("dr.marriageOrAdoption", .deceptiveRecruitment, "MMMM"),
        ("dr.education", .deceptiveRecruitment, "WWSS"),

        ("cr.violence", .coerciveRecruitment, "SSSS"),
        ("cr.abduction", .coerciveRecruitment, "MMSS"),
        ("cr.debtBondage", .coerciveRecruitment, "MMSS"),
        ("cr.threatsOfViolence", .coerciveRecruitment, "MMSS"),
        ("cr.documents", .coerciveRecruitment, "MMMM"),
        ("cr.isolation", .coerciveRecruitment, "MMMM"),
        ("cr.denunciation", .coerciveRecruitment, "MMMM"),
        ("cr.informFamily", .coerciveRecruitment, "MMMM"),
        ("cr.violenceOnFamily", .coerciveRecruitment, "MMMM"),
        ("cr.withholdingMoney", .coerciveRecruitment, "MMMM"),

        ("av.difficultFamilySituation", .recruitmentByAbuseOfVulnerability, "MMMM"),
        ("av.illegalStatus", .recruitmentByAbuseOfVulnerability, "MMMM"),
        ("av.lackOfEducation", .recruitmentByAbuseOfVulnerability, "MMMM"),
        ("av.lackOfInformation", .recruitmentByAbuseOfVulnerability, "MMMM"),
        ("av.controlOfExploiters", .recruitmentByAbuseOfVulnerability, "MMMM"),
        ("av.economicReasons", .recruitmentByAbuseOfVulnerability, "MMMM"),
        ("av.falseMigrationSuccess", .recruitmentByAbuseOfVulnerability, "MMMM"),
        ("av.falseLawInformation", .recruitmentByAbuseOfVulnerability, "MM--"),
        ("av.familySituation", .recruitmentByAbuseOfVulnerability, "MMMM"),
        ("av.personalSituation", .recruitmentByAbuseOfVulnerability, "MMMM"),
        ("av.emotionalDependency", .recruitmentByAbuseOfVulnerability, "MMMM"),
        ("av.authorities", .recruitmentByAbuseOfVulnerability, "MMMM"),
        ("av.pastDifficulties", .recruitmentByAbuseOfVulnerability, "MMMM"),
        ("av.travelDifficulty", .recruitmentByAbuseOfVulnerability, "MMMM"),
        ("av.beliefs", .recruitmentByAbuseOfVulnerability, "WWMM"),
        ("av.generalContext", .recruitmentByAbuseOfVulnerability, "WWMM"),

        ("ex.excessiveHours", .exploitation, "SMSS"),
        ("ex.badLiving", .exploitation, "MMMM"),
        ("ex.hazardousWork", .exploitation, "MMMS"),
        ("ex.lowPay", .exploitation, "MMMM"),
        ("ex.labourLaws", .exploitation, "MMMM"),
        ("ex.socialProtection", .exploitation, "MM--"),
        ("ex.badWorking", .exploitation, "MMMM"),
        ("ex.wageManipulation", .exploitation, "MMMM"),
        ("ex.education", .exploitation, "WWMM"),

        ("cd.documents", .coercionAtDestination, "SSSS"),
        ("cd.debtBondage", .coercionAtDestination, "SSSS"),
        ("cd.isolation", .coercionAtDestination, "SSSS"),
        ("cd.violence", .coercionAtDestination, "SSSS"),
        ("cd.forcedTasks", .coercionAtDestination, "MSSS"),
        ("cd.illicitActivities", .coercionAtDestination, "MMSS"),
        ("cd.threatsOfViolence", .coercionAtDestination, "MMSS"),
        ("cd.strongInfluence", .coercionAtDestination, "MMSS"),
        ("cd.actAgainstPeers", .coercionAtDestination, "MMMM"),
        ("cd.lieToOthers", .coercionAtDestination, "MMMM"),
        ("cd.denunciation", .coercionAtDestination, "MMMM"),
        ("cd.worseConditions", .coercionAtDestination, "MMMM"),
        ("cd.violenceOnFamily", .coercionAtDestination, "MMMM"),
        ("cd.withholdingWages", .coercionAtDestination, "MMMM"),
        ("cd.informFamily", .coercionAtDestination, "WWMM"),

        ("vd.dependency", .abuseOfVulnerabilityAtDestination, "MMMM"),
        ("vd.unknownArea", .abuseOfVulnerabilityAtDestination, "MMMM"),
        ("vd.economicReasons", .abuseOfVulnerabilityAtDestination, "MMMM"),
        ("vd.familySituation", .abuseOfVulnerabilityAtDestination, "MMMM"),
        ("vd.authorities", .abuseOfVulnerabilityAtDestination, "MMMM"),
        ("vd.pastDifficulties", .abuseOfVulnerabilityAtDestination, "WWMM"),
        ("vd.personalCharacteristics", .abuseOfVulnerabilityAtDestination, "WWMM"),
    ]
}
