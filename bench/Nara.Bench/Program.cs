// Benchmarks for Nära: see docs/benchmarks.md for what is measured and how to run it.
using Nara.Bench;

return args.FirstOrDefault() switch
{
    "fhir" => await FhirReadBench.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("Nära benchmarks: dotnet run -c Release --project bench/Nara.Bench -- <fhir> [options]. See docs/benchmarks.md.");
    return 1;
}
