using System.Net;
using System.Net.Http.Json;
using Hl7.Fhir.Model;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Fhir;

/// <summary>Messages as FHIR Communication on both engines: search by patient under the thread's rules, and a partner system answering in a thread.</summary>
public abstract class MessagingFhirTests(NaraApp app)
{
    [Fact]
    public async System.Threading.Tasks.Task A_message_reads_as_a_Communication_and_a_partner_system_answers_in_the_thread()
    {
        var vc = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(listedAt: vc.Id);
        var nurse = await app.Data.StaffAsync(vc.Id);
        var person = await app.ResidentClientAsync(resident.Id.Value);
        var staff = await app.StaffClientAsync(nurse.Id.Value, vc.Id.Value);
        (await person.PostAsJsonAsync("/api/messages/threads", new { unitId = vc.Id.Value, topic = "Recept", text = "Förnya mitt recept, tack." })).EnsureSuccessStatusCode();

        var (status, bundle) = await staff.GetFhirAsync<Bundle>($"/fhir/Communication?patient=Patient/{resident.Id}&_total=accurate");
        Assert.Equal(HttpStatusCode.OK, status);
        var question = Assert.IsType<Communication>(Assert.Single(bundle.Entry).Resource);
        Assert.Equal("Recept", question.Topic!.Text);
        Assert.Equal($"Organization/{vc.Id.Value:D}", Assert.Single(question.Recipient).Reference);
        Assert.Equal("Förnya mitt recept, tack.", Assert.IsType<FhirString>(Assert.Single(question.Payload).Content).Value);

        var answer = new Communication
        {
            Status = EventStatus.Completed,
            Subject = new ResourceReference($"Patient/{resident.Id.Value:D}"),
            InResponseTo = [new ResourceReference($"Communication/{question.Id}")],
            Payload = [new Communication.PayloadComponent { Content = new FhirString("Receptet är förnyat.") }],
        };
        var posted = await staff.PostAsync("/fhir/Communication", new ByteArrayContent(Nara.Fhir.FhirJson.Serialize(answer)) { Headers = { ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/fhir+json") } });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var (_, mine) = await person.GetFhirAsync<Bundle>("/fhir/Communication");
        Assert.Equal(2, mine.Entry.Count);
        var reply = Assert.IsType<Communication>(mine.Entry[1].Resource);
        Assert.Equal($"Communication/{question.Id}", Assert.Single(reply.InResponseTo).Reference);
        Assert.Equal($"Patient/{resident.Id.Value:D}", Assert.Single(reply.Recipient).Reference);

        // Another unit's staff do not read the unit's thread.
        var other = await app.Data.UnitAsync();
        var stranger = await app.StaffClientAsync((await app.Data.StaffAsync(other.Id)).Id.Value, other.Id.Value);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetFhirAsync<OperationOutcome>($"/fhir/Communication/{question.Id}")).Item1);
    }
}

[Collection(SqliteTests.Name)]
public sealed class MessagingFhirTestsOnSqlite(SqliteApp app) : MessagingFhirTests(app);

[Collection(PostgresTests.Name)]
public sealed class MessagingFhirTestsOnPostgres(PostgresApp app) : MessagingFhirTests(app);
