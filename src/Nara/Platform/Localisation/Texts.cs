using Microsoft.Extensions.Localization;
using Nara.Resources;

namespace Nara.Platform.Localisation;

/// <summary>
/// A module's texts (<typeparamref name="TModule"/>: the marker beside its resource files), falling back to the words
/// every page uses (<see cref="Ui"/>). Each module's components get one as <c>T</c> from the module's _Imports.razor.
/// </summary>
public sealed class Texts<TModule>(IStringLocalizerFactory factory) : IStringLocalizer
{
    private readonly IStringLocalizer _module = factory.Create(typeof(TModule));
    private readonly IStringLocalizer _shared = factory.Create(typeof(Ui));

    public LocalizedString this[string name] => _module[name] is { ResourceNotFound: false } found ? found : _shared[name];

    public LocalizedString this[string name, params object[] arguments] =>
        _module[name, arguments] is { ResourceNotFound: false } found ? found : _shared[name, arguments];

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        _module.GetAllStrings(includeParentCultures).Concat(_shared.GetAllStrings(includeParentCultures));
}
