using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Nara.Platform.Auth;
using Nara.Platform.Time;

namespace Nara.Components.Shared;

/// <summary>Base for pages: the signed-in actor and Swedish-time formatting in one place.</summary>
public abstract class NaraPage : ComponentBase
{
    [CascadingParameter]
    private Task<AuthenticationState>? AuthState { get; set; }

    protected async Task<Actor?> ActorAsync() => AuthState is null ? null : Actor.FromPrincipal((await AuthState).User);

    protected static string Time(DateTimeOffset utc) => Stockholm.ToLocal(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    protected static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    protected static string Number(int n) => n.ToString("N0", CultureInfo.CurrentCulture);

    protected static string Pnr(string twelve) => twelve.Length == 12 ? $"{twelve[..8]}-{twelve[8..]}" : twelve;
}
