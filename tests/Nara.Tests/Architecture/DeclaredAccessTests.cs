using System.Reflection;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Nara.Platform.Access;

namespace Nara.Tests.Architecture;

/// <summary>
/// Access declared once: a type that queries a resident's personal data (an entity marked [PersonalData]) through the
/// DbContext declares its access through ResidentAccess (RequireAsync and its audited entries), the endpoint filter, or
/// an AccessGrant it is handed, or says with [NoAccessCheck] why no person's request is checked there. Read from the
/// compiled assembly, so a new handler, page or FHIR resource is covered the day it is written.
/// </summary>
public sealed class DeclaredAccessTests
{
    private static readonly HashSet<string> DeclaringCalls =
    [
        "RequireAsync", "GrantOrNullAsync", "AuditUnitListAsync", "AuditSearchAsync", "AuditOversightAsync", "AuditAggregateAsync",
        "AuditRegistrationAsync", "AuditRefusalAsync", "OpenEmergencyAccessAsync",
    ];

    private sealed record Reach(string Type, IReadOnlySet<string> PersonalData, bool Declares, bool Exempt);

    private static List<Reach> Reaches()
    {
        var personal = typeof(NaraHost).Assembly.GetTypes().Where(t => t.IsDefined(typeof(PersonalDataAttribute), false))
            .Select(t => t.FullName!).ToHashSet(StringComparer.Ordinal);
        using var module = ModuleDefinition.ReadModule(typeof(NaraHost).Assembly.Location);
        var result = new List<Reach>();
        foreach (var type in module.Types.Where(t => t.Name != "<Module>"))
        {
            var reached = new HashSet<string>(StringComparer.Ordinal);
            var declares = false;
            foreach (var method in AllMethods(type))
            {
                declares |= method.Parameters.Any(p => p.ParameterType.FullName == typeof(AccessGrant).FullName);
                if (!method.HasBody)
                {
                    continue;
                }
                foreach (var instruction in method.Body.Instructions)
                {
                    // A call, or (in an expression tree, as compiled queries and the access rules' own sources are written)
                    // the method's token loaded for Expression.Call: both reach the entity.
                    if (instruction.OpCode.FlowControl != FlowControl.Call && instruction.OpCode.Code != Code.Ldtoken || instruction.Operand is not MethodReference called)
                    {
                        continue;
                    }
                    var owner = called.DeclaringType.FullName;
                    if (owner == typeof(ResidentAccess).FullName && DeclaringCalls.Contains(called.Name)
                        || owner == typeof(ResidentAccessFilter).FullName && called.Name == nameof(ResidentAccessFilter.RequireResidentAccess)
                        || owner == typeof(AccessGrant).FullName && called.Name == nameof(AccessGrant.AuditAsync))
                    {
                        declares = true;
                    }
                    if (called is GenericInstanceMethod generic && (called.Name == "Set" && owner.StartsWith("Microsoft.EntityFrameworkCore.DbContext", StringComparison.Ordinal)
                        || called.Name == "For" && owner == "Nara.Platform.Persistence.ModelTable"))
                    {
                        reached.UnionWith(generic.GenericArguments.Select(a => a.FullName.Replace('/', '+')).Where(personal.Contains));
                    }
                }
            }
            if (reached.Count > 0)
            {
                var exempt = type.CustomAttributes.Any(a => a.AttributeType.FullName == typeof(NoAccessCheckAttribute).FullName);
                result.Add(new Reach(type.FullName, reached, declares, exempt));
            }
        }
        return result;
    }

    private static IEnumerable<MethodDefinition> AllMethods(TypeDefinition type) =>
        type.Methods.Concat(type.NestedTypes.SelectMany(AllMethods));

    [Fact]
    public void Every_type_that_queries_personal_data_declares_its_access()
    {
        var undeclared = Reaches().Where(r => !r.Declares && !r.Exempt)
            .Select(r => $"{r.Type} queries {string.Join(", ", r.PersonalData.Select(p => p[(p.LastIndexOf('.') + 1)..]).Order())}")
            .ToList();
        Assert.True(undeclared.Count == 0,
            "no declared access (ResidentAccess.RequireAsync and its audited entries, RequireResidentAccess, an AccessGrant parameter, or [NoAccessCheck(\"why\")]):\n"
            + string.Join("\n", undeclared));
    }

    [Fact]
    public void An_exemption_says_why()
    {
        var bare = typeof(NaraHost).Assembly.GetTypes()
            .Select(t => (Type: t, Exemption: t.GetCustomAttribute<NoAccessCheckAttribute>()))
            .Where(x => x.Exemption is { } e && e.Reason.Trim().Length < 20)
            .Select(x => x.Type.FullName)
            .ToList();
        Assert.True(bare.Count == 0, "exemptions without a reason: " + string.Join(", ", bare));
    }

    [Fact]
    public void The_check_sees_declared_and_undeclared_reads()
    {
        var reaches = Reaches().ToDictionary(r => r.Type);
        // A use case that loads bookings and declares its access.
        Assert.True(reaches[typeof(Nara.Modules.Booking.Features.CancelAppointment).FullName!].Declares);
        Assert.Contains("Nara.Modules.Booking.Domain.Appointment", reaches[typeof(Nara.Modules.Booking.Features.CancelAppointment).FullName!].PersonalData);
        // The access rules' own sources query care relationships without a person's request: exempt, with a reason.
        Assert.True(reaches[typeof(Nara.Modules.Booking.BookingCareRelationship).FullName!].Exempt);
        Assert.Contains(typeof(Nara.Modules.Residents.Domain.Resident), typeof(NaraHost).Assembly.GetTypes().Where(t => t.IsDefined(typeof(PersonalDataAttribute), false)));
    }
}
