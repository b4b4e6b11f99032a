using System.Text.RegularExpressions;

namespace Nara.Tests.Architecture;

/// <summary>
/// House rule 1: modules are folders and namespaces that meet only through each other's Contracts; Domain stays free of
/// ASP.NET Core, EF Core and Firely; FHIR types stay at the FHIR edge. Modules are found from the assembly, so a new
/// module is covered the day it gets its first type.
/// </summary>
public sealed partial class ModuleBoundaryTests
{
    private static readonly string[] FrameworksDomainMustNotUse =
    [
        "Microsoft.AspNetCore",
        "Microsoft.EntityFrameworkCore",
        "Hl7.Fhir",
        // [Table], [Column], [ForeignKey]: EF mapping in attribute form; mapping lives in the module's Data/ folder.
        "System.ComponentModel.DataAnnotations.Schema",
    ];

    [Fact]
    public void A_module_uses_another_module_only_through_its_Contracts()
    {
        var violations =
            from t in TypeDependencies.OfNara
            let owner = TypeDependencies.ModuleOf(t.Type.Namespace)
            where owner is not null
            from r in t.References
            let to = TypeDependencies.ModuleOf(r.Namespace)
            where to is not null && to != owner && !TypeDependencies.IsWithin(r.Namespace, $"Nara.Modules.{to}.Contracts")
            // Exemption (ADR 0003): the synthetic region generator builds every module's rows, so it may use their Domain
            // entities, and nothing else of theirs.
            where !(owner == "Synthetic" && TypeDependencies.IsWithin(r.Namespace, $"Nara.Modules.{to}.Domain"))
            select $"{t.Type.FullName} (module {owner}) depends on {r.FullName}: module {to} is open to others only through Nara.Modules.{to}.Contracts";
        AssertNone(violations);
    }

    [Fact]
    public void Platform_uses_modules_only_through_their_Contracts()
    {
        var violations =
            from t in TypeDependencies.OfNara
            where TypeDependencies.IsWithin(t.Type.Namespace, "Nara.Platform")
            from r in t.References
            let to = TypeDependencies.ModuleOf(r.Namespace)
            where to is not null && !TypeDependencies.IsWithin(r.Namespace, $"Nara.Modules.{to}.Contracts")
            select $"{t.Type.FullName} (platform) depends on {r.FullName}: module {to} is open to others only through Nara.Modules.{to}.Contracts";
        AssertNone(violations);
    }

    [Fact]
    public void Domain_does_not_depend_on_AspNetCore_EfCore_or_Fhir()
    {
        var violations =
            from t in TypeDependencies.OfNara
            let module = TypeDependencies.ModuleOf(t.Type.Namespace)
            where module is not null && TypeDependencies.IsWithin(t.Type.Namespace, $"Nara.Modules.{module}.Domain")
            from r in t.References
            from framework in FrameworksDomainMustNotUse
            where r.Namespace.StartsWith(framework, StringComparison.Ordinal)
            select $"{t.Type.FullName} (Domain of {module}) depends on {r.FullName}: Domain/ must not use {framework}";
        AssertNone(violations);
    }

    [Fact]
    public void Only_Fhir_namespaces_depend_on_Hl7_Fhir()
    {
        var violations =
            from t in TypeDependencies.OfNara
            where !FhirNamespace().IsMatch(t.Type.Namespace)
            from r in t.References
            where r.Namespace.StartsWith("Hl7.Fhir", StringComparison.Ordinal)
            select $"{t.Type.FullName} depends on {r.FullName}: only Nara.Fhir, Nara.Modules.*.Fhir and Nara.Platform.*.Fhir may use Firely (Hl7.Fhir)";
        AssertNone(violations);
    }

    // The rules above pass trivially if the reader sees nothing; these are dependencies we know exist.
    [Theory]
    [InlineData("Nara.Modules.Residents.ResidentDirectory", "Nara.Modules.Residents.Domain.Listing")] // inside a LINQ expression in a method body
    [InlineData("Nara.Platform.Auth.AuthSetup", "Nara.Modules.Residents.Contracts.IResidentDirectory")] // a generic argument of GetRequiredService<T>()
    [InlineData("Nara.Platform.Persistence.NaraDbContext", "Nara.Platform.Access.AuditEvent")] // ChangeTracker.Entries<AuditEvent>()
    [InlineData("Nara.Modules.Organisation.Data.CareUnitConfiguration", "Microsoft.EntityFrameworkCore.IEntityTypeConfiguration`1")] // an interface
    public void The_dependency_reader_sees_known_dependencies(string type, string dependency)
    {
        var uses = Assert.Single(TypeDependencies.OfNara, t => t.Type.FullName == type);
        Assert.Contains(uses.References, r => r.FullName == dependency);
    }

    [Fact]
    public void Modules_are_discovered_from_the_assembly()
    {
        var modules = TypeDependencies.Modules();
        Assert.Superset(new HashSet<string>(["Organisation", "Residents", "Records"], StringComparer.Ordinal), new HashSet<string>(modules, StringComparer.Ordinal));
    }

    private static void AssertNone(IEnumerable<string> violations)
    {
        var list = violations.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (list.Count > 0)
        {
            Assert.Fail($"{list.Count} boundary violation(s):{Environment.NewLine}{string.Join(Environment.NewLine, list)}");
        }
    }

    [GeneratedRegex(@"^Nara\.(Fhir|Modules\.[^.]+\.Fhir|Platform\.[^.]+\.Fhir)(\.|$)", RegexOptions.CultureInvariant)]
    private static partial Regex FhirNamespace();
}
