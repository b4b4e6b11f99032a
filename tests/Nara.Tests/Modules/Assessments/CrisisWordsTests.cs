using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nara.Modules.Assessments.Content;
using Nara.Modules.Assessments.Domain;
using Nara.Platform.Content;
using Nara.Platform.Identifiers;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Modules.Assessments;

/// <summary>The crisis words of content/crisis: whole words, any case and punctuation, Swedish and English; and what they do in a message.</summary>
public sealed class CrisisWordsTests
{
    private static readonly CrisisWords Words = CrisisWords.Load(ContentFolder.Find(null, "crisis"));

    [Theory]
    [InlineData("Jag vill inte leva längre.")]
    [InlineData("ibland tänker jag på SJÄLVMORD, varje kväll")]
    [InlineData("Har börjat skära mig igen... nej, jag skär mig")]
    [InlineData("I just want to die")]
    [InlineData("Det vore bättre om jag var död")]
    [InlineData("jag vill dö")]
    public void A_text_with_crisis_words_matches(string text) => Assert.True(Words.Matches(text), text);

    [Theory]
    [InlineData("Jag har ont i magen sedan i går.")]
    [InlineData("Vill förnya mitt recept på blodtrycksmedicin.")]
    [InlineData("Självmordsstatistiken i media oroar mig inte.")] // another word, not the phrase
    [InlineData("")]
    [InlineData(null)]
    public void An_ordinary_text_does_not(string? text) => Assert.False(Words.Matches(text));

    [Fact]
    public void Normalising_keeps_letters_and_digits_and_one_space() =>
        Assert.Equal("vill inte leva 2", CrisisWords.Normalise("  Vill, inte-leva!! 2 "));
}

/// <summary>Crisis words in a message to the unit, on both engines: the crisis task at once; from staff, none.</summary>
public abstract class CrisisMessageTests(NaraApp app)
{
    [Fact]
    public async Task A_message_from_the_person_with_crisis_words_puts_a_crisis_task_on_the_worklist_and_one_from_staff_does_not()
    {
        var vc = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(listedAt: vc.Id);
        var nurse = await app.StaffClientAsync((await app.Data.StaffAsync(vc.Id)).Id.Value, vc.Id.Value);
        var person = await app.ResidentClientAsync(resident.Id.Value);

        var created = await (await person.PostAsJsonAsync("/api/messages/threads", new { unitId = vc.Id.Value, topic = "Mår dåligt", text = "Jag orkar inte leva längre, jag vill dö." })).Content.ReadFromJsonAsync<JsonElement>();
        var thread = created.GetProperty("threadId").GetGuid();
        var worklist = await nurse.GetFromJsonAsync<JsonElement>("/api/worklist");
        var first = worklist.GetProperty("items")[0];
        Assert.Equal(("Kris", "Meddelande med ord om självmord eller självskada"), (first.GetProperty("kind").GetString(), first.GetProperty("title").GetString()));

        Assert.Equal(HttpStatusCode.OK, (await nurse.PostAsJsonAsync($"/api/messages/threads/{thread}/messages", new { text = "Har du tankar på självmord just nu? Jag ringer dig." })).StatusCode);
        Assert.Equal(1, await app.Data.WithDbAsync(db => db.Set<CrisisAlert>().CountAsync(a => a.ResidentId == new ResidentId(resident.Id.Value))));
        Assert.Equal(HttpStatusCode.OK, (await person.PostAsJsonAsync($"/api/messages/threads/{thread}/messages", new { text = "Ja. Jag har samlat tabletter." })).StatusCode);
        Assert.Equal(2, await app.Data.WithDbAsync(db => db.Set<CrisisAlert>().CountAsync(a => a.ResidentId == new ResidentId(resident.Id.Value) && a.Source == CrisisSource.Meddelande)));
    }
}

[Collection(SqliteTests.Name)]
public sealed class CrisisMessageTestsOnSqlite(SqliteApp app) : CrisisMessageTests(app);

[Collection(PostgresTests.Name)]
public sealed class CrisisMessageTestsOnPostgres(PostgresApp app) : CrisisMessageTests(app);
