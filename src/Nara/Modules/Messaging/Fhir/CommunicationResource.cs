using Hl7.Fhir.Model;
using Nara.Fhir;
using Nara.Modules.Messaging.Contracts;
using Nara.Modules.Messaging.Features;
using Nara.Platform.Auth;
using Nara.Platform.Identifiers;

namespace Nara.Modules.Messaging.Fhir;

/// <summary>
/// Messages as Communication: subject the Patient, the thread's topic as topic text, sender and recipient (the person or
/// the unit, Organization), sent and (when the other side opened it) received, the text and the attachments (with a
/// link to the file) as payload, the message before it in the thread as inResponseTo, and the thread's id in the
/// extension <c>message-thread</c>. Read and search by patient under the thread's access rules; create: a partner
/// system answers in a thread (inResponseTo a message in it) or, as staff, starts a new thread with the person
/// (topic.text and payload) from its unit.
/// </summary>
internal sealed class CommunicationResource(GetThread threads, PostMessage post, StartThread start) : IFhirResourceHandler, IFhirResourceDefinition, IFhirCreateHandler
{
    public static readonly string ThreadExtension = FhirSystems.NaraExtension("message-thread");

    public static string ResourceType => "Communication";

    public static IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("patient", SearchParamType.Reference, "Patient/<id>: meddelanden om personen (personal: de i din enhets trådar). Krävs för personal; en invånare får utelämna den för sina egna."),
    ];

    public async Task<Resource> ReadAsync(Actor actor, string id, CancellationToken ct)
    {
        var messageId = FhirIds.Parse<ThreadMessageId>(ResourceType, id);
        var thread = await threads.OfMessageAsync(actor, messageId, ct);
        return Map(thread).First(c => c.Id == id);
    }

    public async Task<FhirPage> SearchAsync(Actor actor, FhirSearch search, CancellationToken ct)
    {
        var patient = FhirIds.FromSearch<ResidentId>(search, "patient", "Patient")
            ?? (actor.IsResident ? actor.ResidentId : throw FhirException.BadParameter("patient", "ange vems meddelanden (patient=Patient/<id>)."));
        var all = (await threads.ForResidentAsync(actor, patient, ct)).SelectMany(Map).ToList();
        var page = all.Skip(search.Offset).Take(search.Count).Select(c => (Resource)c).ToList();
        return new FhirPage(page, search.WantsTotal ? all.Count : null, search.Offset + page.Count < all.Count);
    }

    public async Task<Resource> CreateAsync(Actor actor, Resource resource, CancellationToken ct)
    {
        var posted = (Communication)resource;
        var text = string.Join("\n\n", posted.Payload.Select(p => p.Content).OfType<FhirString>().Select(s => s.Value).Where(s => !string.IsNullOrWhiteSpace(s)));
        var files = posted.Payload.Select(p => p.Content).OfType<Attachment>()
            .Select(a => new NewAttachment(a.Title ?? "", a.ContentType, a.Data ?? throw new FhirException(400, OperationOutcome.IssueType.Required, "En bilaga saknar innehåll (data).", "Communication.payload.content")))
            .ToList();
        if (posted.InResponseTo.Select(r => FhirIds.FromReference<ThreadMessageId>(r, ResourceType)).FirstOrDefault(r => r is not null) is { } answered)
        {
            var thread = await threads.OfMessageAsync(actor, answered, ct);
            var message = await post.HandleAsync(actor, new ThreadId(thread.Id), text, files, ct);
            return Map(await threads.OfMessageAsync(actor, new ThreadMessageId(message.Id), ct)).First(c => c.Id == message.Id.ToString("D"));
        }
        var resident = FhirIds.FromReference<ResidentId>(posted.Subject, "Patient")
            ?? (actor.IsResident ? actor.ResidentId : throw new FhirException(400, OperationOutcome.IssueType.Required, "Ange vem meddelandet gäller: subject = Patient/<id>.", "Communication.subject"));
        var unit = posted.Recipient.Select(r => FhirIds.FromReference<UnitId>(r, "Organization")).FirstOrDefault(u => u is not null);
        var created = await start.HandleAsync(actor, resident, unit, posted.Topic?.Text, text, files, ct);
        return Map(await threads.OfThreadAsync(actor, new ThreadId(created.ThreadId), ct)).Last();
    }

    internal static IEnumerable<Communication> Map(GetThread.ThreadView thread)
    {
        string? previous = null;
        foreach (var m in thread.Messages)
        {
            var person = FhirIds.Reference("Patient", new ResidentId(thread.ResidentId), thread.ResidentName);
            var unit = new ResourceReference($"Organization/{thread.UnitId:D}", thread.UnitName);
            var c = new Communication
            {
                Id = m.Id.ToString("D"),
                Status = EventStatus.Completed,
                Subject = person,
                Topic = new CodeableConcept { Text = thread.Topic },
                Sent = m.At.ToString("o"),
                Sender = m.FromStaff ? new ResourceReference { Display = m.Author } : new ResourceReference { Reference = person.Reference, Display = m.Author },
                Recipient = [m.FromStaff ? person : unit],
            };
            c.Extension.Add(new Extension(ThreadExtension, new FhirString(thread.Id.ToString("D"))));
            if (previous is not null)
            {
                c.InResponseTo.Add(new ResourceReference($"Communication/{previous}"));
            }
            if (m.Text.Length > 0)
            {
                c.Payload.Add(new Communication.PayloadComponent { Content = new FhirString(m.Text) });
            }
            foreach (var a in m.Attachments)
            {
                c.Payload.Add(new Communication.PayloadComponent
                {
                    Content = new Attachment { ContentType = a.ContentType, Title = a.FileName, Size = a.Size, Url = $"/api/messages/attachments/{a.Id:D}" },
                });
            }
            previous = c.Id;
            yield return c;
        }
    }
}
