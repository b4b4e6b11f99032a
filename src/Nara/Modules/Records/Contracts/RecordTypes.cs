namespace Nara.Modules.Records.Contracts;

/// <summary>The level of care a contact belongs to.</summary>
public enum CareLevel
{
    /// <summary>Primary care (vårdcentral).</summary>
    Primarvard,
    /// <summary>Specialist outpatient care.</summary>
    Specialistvard,
    /// <summary>Emergency department.</summary>
    Akutvard,
    /// <summary>Inpatient admission.</summary>
    Slutenvard,
    /// <summary>Municipal home health care.</summary>
    KommunalHalsoOchSjukvard,
}

/// <summary>How the contact took place.</summary>
public enum ContactChannel
{
    /// <summary>In person at the unit.</summary>
    Fysiskt,
    /// <summary>Telephone.</summary>
    Telefon,
    /// <summary>Video meeting.</summary>
    Video,
    /// <summary>Chat.</summary>
    Chatt,
    /// <summary>Home visit.</summary>
    Hembesok,
}

/// <summary>The chronic conditions the platform tracks for risk and follow-up.</summary>
public enum ChronicCondition
{
    /// <summary>Diabetes (E10–E11).</summary>
    Diabetes,
    /// <summary>Hypertension (I10).</summary>
    Hypertension,
    /// <summary>COPD (J44).</summary>
    Copd,
    /// <summary>Asthma (J45).</summary>
    Asthma,
    /// <summary>Heart failure (I50).</summary>
    HeartFailure,
    /// <summary>Depression (F32).</summary>
    Depression,
    /// <summary>Anxiety (F41).</summary>
    Anxiety,
}

/// <summary>Lifestyle habits recorded per the national guidelines for prevention.</summary>
public enum LifestyleHabit
{
    /// <summary>Daily smoking.</summary>
    DailySmoking,
    /// <summary>Risky alcohol use.</summary>
    RiskyAlcohol,
    /// <summary>Less than 150 minutes of physical activity a week.</summary>
    InsufficientActivity,
}
