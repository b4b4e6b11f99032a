namespace Nara.Platform.Access;

/// <summary>
/// Marks an entity that holds a resident's personal data (health data or who they are). A type that queries one through
/// the DbContext declares its access (<see cref="ResidentAccess.RequireAsync"/> and the other audited entries of
/// <see cref="ResidentAccess"/>, <see cref="ResidentAccessFilter"/>, or an <see cref="AccessGrant"/> it is handed), or
/// says why it needs none with <see cref="NoAccessCheckAttribute"/>; an architecture test holds that.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PersonalDataAttribute : Attribute;

/// <summary>
/// Declares that a type reaches personal data without a person's request to check: the access rules themselves, event
/// subscribers and background work, demo and synthetic data, or a contract whose callers check. The reason is required.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class NoAccessCheckAttribute(string reason) : Attribute
{
    public string Reason { get; } = reason;
}
