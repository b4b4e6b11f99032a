namespace Nara.Modules.Synthetic;

/// <summary><c>dotnet run --project src/Nara -- generate --residents 200000 --seed 42</c></summary>
public static class SyntheticCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        _ = args;
        return Task.FromResult(0);
    }
}
