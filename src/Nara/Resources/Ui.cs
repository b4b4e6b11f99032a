namespace Nara.Resources;

/// <summary>
/// The words every page uses (Ui.resx is Swedish, Ui.en.resx English): the layout, paging, common labels, and the
/// names of values several modules show (professions, roles, access bases, care levels, conditions, channels). A
/// module's own texts are in its own Resources folder.
/// </summary>
public sealed class Ui;
