using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Nara.Platform.Outbox;

/// <summary>A text message to send. <paramref name="MessageId"/> and <paramref name="Kind"/> are safe to log; the rest is not.</summary>
public sealed record OutgoingSms(long MessageId, string Kind, string To, string Text);

/// <summary>An e-mail to send. <paramref name="MessageId"/> and <paramref name="Kind"/> are safe to log; the rest is not.</summary>
public sealed record OutgoingEmail(long MessageId, string Kind, string To, string Subject, string Text);

/// <summary>Sends text messages (an SMS gateway in production; the local Utkorg by default).</summary>
public interface ISmsSender
{
    Task SendAsync(OutgoingSms sms, CancellationToken ct);
}

/// <summary>Sends e-mail (SMTP when configured; the local Utkorg by default).</summary>
public interface IEmailSender
{
    Task SendAsync(OutgoingEmail email, CancellationToken ct);
}

/// <summary>A delivery failure whose message is safe to store and show: it names no person, address or text.</summary>
public sealed class ChannelException(string safeMessage, Exception? inner = null) : Exception(safeMessage, inner);

/// <summary>
/// The embedded default: the message is not sent anywhere; it is visible in the Utkorg page and the log records that
/// it was delivered (message id, channel and kind only).
/// </summary>
public sealed partial class LocalSmsSender(ILogger<LocalSmsSender> log) : ISmsSender
{
    public Task SendAsync(OutgoingSms sms, CancellationToken ct)
    {
        Delivered(log, sms.MessageId, sms.Kind);
        return Task.CompletedTask;
    }

    [LoggerMessage(LogLevel.Information, "Outbox message {MessageId} ({Kind}) delivered by SMS to the local Utkorg")]
    private static partial void Delivered(ILogger logger, long messageId, string kind);
}

/// <inheritdoc cref="LocalSmsSender"/>
public sealed partial class LocalEmailSender(ILogger<LocalEmailSender> log) : IEmailSender
{
    public Task SendAsync(OutgoingEmail email, CancellationToken ct)
    {
        Delivered(log, email.MessageId, email.Kind);
        return Task.CompletedTask;
    }

    [LoggerMessage(LogLevel.Information, "Outbox message {MessageId} ({Kind}) delivered by e-mail to the local Utkorg")]
    private static partial void Delivered(ILogger logger, long messageId, string kind);
}

/// <summary>Bound from <c>Nara:Notifications:Smtp</c>. Off unless <see cref="Host"/> is set.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; init; }
    public int Port { get; init; } = 587;
    /// <summary>STARTTLS on the submission port by default; "None" only for a local test relay.</summary>
    public string Security { get; init; } = "StartTls";
    public string? Username { get; init; }
    public string? Password { get; init; }
    public string From { get; init; } = "Nära <no-reply@nara.invalid>";
}

/// <summary>Real e-mail through an SMTP relay (MailKit).</summary>
public sealed partial class SmtpEmailSender(SmtpOptions options, ILogger<SmtpEmailSender> log) : IEmailSender
{
    public async Task SendAsync(OutgoingEmail email, CancellationToken ct)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(MailboxAddress.Parse(email.To));
        message.Subject = email.Subject;
        message.Body = new TextPart("plain") { Text = email.Text };
        var security = Enum.TryParse<SecureSocketOptions>(options.Security, ignoreCase: true, out var s) ? s : SecureSocketOptions.StartTls;
        try
        {
            using var client = new SmtpClient();
            await client.ConnectAsync(options.Host ?? throw new ChannelException("SMTP: ingen server konfigurerad"), options.Port, security, ct);
            if (!string.IsNullOrEmpty(options.Username))
            {
                await client.AuthenticateAsync(options.Username, options.Password ?? string.Empty, ct);
            }
            await client.SendAsync(message, ct);
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or AuthenticationException or IOException or System.Net.Sockets.SocketException or SslHandshakeException)
        {
            // The server's reply can quote the recipient's address: keep only the kind of failure.
            throw new ChannelException($"SMTP: {ex.GetType().Name}", ex);
        }
        Sent(log, email.MessageId, email.Kind);
    }

    [LoggerMessage(LogLevel.Information, "Outbox message {MessageId} ({Kind}) sent by SMTP")]
    private static partial void Sent(ILogger logger, long messageId, string kind);
}
