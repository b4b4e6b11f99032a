using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nara.Platform.Api;

/// <summary>
/// Control characters (NUL and the like; tab and line breaks are text) have no place in anything a person types, and
/// PostgreSQL refuses NUL in text outright: they are refused at the edge with a 400 naming the field, in the query, the
/// path and every JSON string, before they reach a handler or the database.
/// </summary>
public static class InputCharacters
{
    public static bool HasControl(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                return true;
            }
        }
        return false;
    }

    public static string Refusal(string field) => $"Värdet för '{field}' innehåller otillåtna tecken (styrtecken).";

    /// <summary>Refuses a request whose path or query carries a control character.</summary>
    public static IApplicationBuilder UseNaraInputCharacters(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            string? field = HasControl(context.Request.Path.Value) ? "path" : null;
            foreach (var (key, values) in context.Request.Query)
            {
                if (field is not null)
                {
                    break;
                }
                if (HasControl(key) || values.Any(v => v is not null && HasControl(v)))
                {
                    field = HasControl(key) ? "query" : key;
                }
            }
            if (field is null)
            {
                await next();
                return;
            }
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await Problems.Invalid(field, Refusal(field)).ExecuteAsync(context);
        });

    /// <summary>A JSON string with a control character fails to bind (a 400 naming the field, see BadRequestHandler).</summary>
    public sealed class StringConverter : JsonConverter<string>
    {
        public const string Refused = "A control character in a string.";

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var value = reader.GetString();
            if (value is not null && HasControl(value))
            {
                throw new JsonException(Refused);
            }
            return value;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}
