using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Organisation.Domain;
using Nara.Modules.Residents.Domain;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Modules.Coordination;

/// <summary>Reading the Coordination API's answers in tests: a body of the expected status, and the field a problem names.</summary>
internal static class CoordinationApi
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, Json)!;
    }

    /// <summary>
    /// A person listed at a new vårdcentral with a nurse there, and a nurse at a new unit of municipal home health care
    /// (the other principal), each signed in: the set-up of every test across region and municipality.
    /// </summary>
    public static async Task<AcrossPrincipals> AcrossPrincipalsAsync(NaraApp app)
    {
        var vc = await app.Data.UnitAsync();
        var homeCare = await app.Data.UnitAsync(UnitType.KommunalHemsjukvard);
        var resident = await app.Data.ResidentAsync(listedAt: vc.Id);
        var nurse = await app.Data.StaffAsync(vc.Id);
        var municipalNurse = await app.Data.StaffAsync(homeCare.Id);
        return new AcrossPrincipals(vc, homeCare, resident, nurse, municipalNurse,
            await app.StaffClientAsync(nurse.Id.Value, vc.Id.Value), await app.StaffClientAsync(municipalNurse.Id.Value, homeCare.Id.Value));
    }

    /// <summary>The field a problem names: under errors for a 400, as field for a 404 or 409.</summary>
    public static async Task<string> ProblemFieldAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Single().Name : doc.RootElement.GetProperty("field").GetString()!;
    }
}

/// <summary>See <see cref="CoordinationApi.AcrossPrincipalsAsync"/>.</summary>
internal sealed record AcrossPrincipals(CareUnit Vc, CareUnit HomeCare, Resident Resident, StaffMember Nurse, StaffMember MunicipalNurse, HttpClient Staff, HttpClient Municipal);
