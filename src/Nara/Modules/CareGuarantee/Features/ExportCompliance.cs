using ClosedXML.Excel;
using Nara.Modules.CareGuarantee.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;

namespace Nara.Modules.CareGuarantee.Features;

/// <summary>
/// The follow-up as an Excel file (ClosedXML): sheet "Följsamhet" per unit, month and limit, and sheet "Klockor" with the
/// clocks at risk and breached at the actor's units. The file leaves Nära, so it names no one: clocks are identified by
/// their id only, and the export is written to the audit log.
/// </summary>
public sealed class ExportCompliance(FollowUpGuarantee followUp, ClockQueries queries, ResidentAccess access) : IFeature
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public async Task<byte[]> HandleAsync(Actor actor, FollowUpGuarantee.Scope scope, int months, CancellationToken ct)
    {
        var compliance = await followUp.ComplianceAsync(actor, scope, months, ct);
        var units = await queries.ManagedUnitsAsync(actor, ct);
        var risk = await queries.AtRiskRowsAsync(units, ct);
        var breaches = await queries.BreachRowsAsync(units, months * 31, ct);
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("Följsamhet");
        string[] head = ["Enhet", "Månad", "Gräns", "Uppfyllda", "Avgjorda", "Andel", "Undantag", "Pågående"];
        for (var i = 0; i < head.Length; i++)
        {
            sheet.Cell(1, i + 1).Value = head[i];
        }
        var row = 2;
        foreach (var r in compliance)
        {
            sheet.Cell(row, 1).Value = r.UnitName;
            // As text: assigned through Value, "2026-06" would be read as the date 1 June 2026.
            sheet.Cell(row, 2).SetValue(r.Month);
            sheet.Cell(row, 3).Value = KindText(r.Kind);
            sheet.Cell(row, 4).Value = r.Met;
            sheet.Cell(row, 5).Value = r.Total;
            if (r.Share is { } share)
            {
                sheet.Cell(row, 6).Value = share;
                sheet.Cell(row, 6).Style.NumberFormat.Format = "0.0%";
            }
            sheet.Cell(row, 7).Value = r.Excepted;
            sheet.Cell(row, 8).Value = r.Running;
            row++;
        }
        sheet.Row(1).Style.Font.Bold = true;
        sheet.Cell(row + 1, 1).Value = "Andel = uppfyllda / avgjorda. Avgjord = stoppad eller passerad sista dag. Klockor med undantag (valt att vänta, avböjt erbjuden tid, bedömning uppenbart obehövlig) räknas inte. Dagar räknas i kalenderdagar, svensk tid (HSL 2017:30 9 kap. 1 §).";

        var clocks = workbook.Worksheets.Add("Klockor");
        string[] clockHead = ["Klocka", "Enhet", "Gräns", "Start (dag 0)", "Sista dag", "Dag", "Status"];
        for (var i = 0; i < clockHead.Length; i++)
        {
            clocks.Cell(1, i + 1).Value = clockHead[i];
        }
        row = 2;
        foreach (var c in risk.Concat(breaches))
        {
            clocks.Cell(row, 1).Value = c.ClockId.ToString();
            clocks.Cell(row, 2).Value = c.UnitName;
            clocks.Cell(row, 3).Value = KindText(c.Kind);
            clocks.Cell(row, 4).Value = c.StartDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            clocks.Cell(row, 5).Value = c.Deadline.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            clocks.Cell(row, 6).Value = c.Day;
            clocks.Cell(row, 7).Value = StatusText(c.Status);
            row++;
        }
        clocks.Row(1).Style.Font.Bold = true;
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        await FollowUpGuarantee.AuditAggregateAsync(access, actor, "Vårdgaranti (export)", AuditAction.Export, ct);
        return stream.ToArray();
    }

    public static string KindText(ClockKind kind) => kind switch
    {
        ClockKind.Kontakt => "0 – kontakt samma dag",
        ClockKind.MedicinskBedomning => "3 – medicinsk bedömning",
        ClockKind.Specialistbesok => "90 – besök i specialiserad vård",
        ClockKind.Behandling => "90 – behandling",
        _ => kind.ToString(),
    };

    public static string StatusText(ClockStatus status) => status switch
    {
        ClockStatus.Pagaende => "Pågår",
        ClockStatus.Risk => "Risk",
        ClockStatus.Uppfylld => "Uppfylld",
        ClockStatus.Overskriden => "Överskriden",
        ClockStatus.Undantag => "Undantag",
        _ => status.ToString(),
    };

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/care-guarantee/export.xlsx", async (string? scope, int? months, HttpContext http, ExportCompliance handler, ClockQueries queries, CancellationToken ct) =>
            {
                var bytes = await handler.HandleAsync(Actor.FromPrincipal(http.User)!, FollowUpGuarantee.ParseScope(scope), months ?? 12, ct);
                return TypedResults.File(bytes, ContentType, $"vardgaranti-{queries.Today:yyyy-MM-dd}.xlsx");
            })
            .RequireAuthorization(NaraPolicies.Verksamhetschef)
            .WithProblems()
            .WithTags("Vårdgaranti – uppföljning")
            .WithSummary("Excelfil: följsamhet per enhet och månad, och klockor med risk eller överskridna på mina enheter (utan namn).");
}
