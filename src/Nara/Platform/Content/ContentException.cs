using System.Globalization;

namespace Nara.Platform.Content;

/// <summary>A content file is wrong. The message is one line: file, line and problem.</summary>
public sealed class ContentException(string file, long line, string problem)
    : Exception(string.Create(CultureInfo.InvariantCulture, $"{file}:{line}: {problem}"))
{
    public string File { get; } = file;
    public long Line { get; } = line;
    public string Problem { get; } = problem;
}
