// Benchmarks for Nära: see docs/benchmarks.md for what is measured and how to run it.
// One mode per argument; add a mode by adding a case and a class beside the others.
using Nara.Bench;

var mode = args.Length > 0 ? args[0] : string.Empty;
return mode switch
{
    "generate" => await GenerateBenchmark.RunAsync(args[1..]),
    "fhir" => await FhirReadBench.RunAsync(args[1..]),
    "triage" => await TriageBench.RunAsync(args[1..]),
    "booking-contention" => await BookingContentionBench.RunAsync(args[1..]),
    "booking-throughput" => await BookingBench.ThroughputAsync(args[1..]),
    "slot-search" => await BookingBench.SlotSearchAsync(args[1..]),
    "patient-search" => await PatientSearchBench.RunAsync(args[1..]),
    "idle" => await IdleBench.RunAsync(args[1..]),
    "coordination" => await CoordinationBench.RunAsync(args[1..]),
    "assessments" => await AssessmentsBench.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("Nära benchmarks. Användning: dotnet run -c Release --project bench/Nara.Bench -- <läge>");
    Console.WriteLine("  generate [--residents N]   syntetisk region (200 000 invånare) till SQLite, och PostgreSQL om NARA_TEST_POSTGRES är satt");
    Console.WriteLine("  fhir [--clients N] [--seconds S] [--rounds R] [--warmup S] [--patients P] [--breakdown] [--inprocess] [--gc]   FHIR Patient-läsning mot hello world (--search: namnsökning, 100 per sida)");
    Console.WriteLine("  triage [--clients N] [--seconds S] [--warmup S] [--think-ms MS] [--no-http]   En väg in: kunskapsbasens laddning, bedömningar per sekund i processen, svarstid per steg över HTTP");
    Console.WriteLine("  booking-contention   200 samtidiga klienter bokar samma 20 tider: exakt 20 bokningar och 180 tydliga nej (SQLite, och PostgreSQL om NARA_TEST_POSTGRES är satt)");
    Console.WriteLine("  booking-throughput [--clients N] [--seconds S]   bokningar per sekund över HTTP mot pgbench med en likvärdig INSERT (PostgreSQL, NARA_TEST_POSTGRES)");
    Console.WriteLine("  slot-search [--residents N] [--requests R] [--clients C]   sökning av lediga tider i hela regionen med scheman 12 veckor framåt: p95 mot 50 ms");
    Console.WriteLine("  patient-search [--residents N] [--seconds S] [--clients C] [--warmup S] [--rare]   sjuksköterskans namnsökning (vanligaste efternamnet, --rare: ovanligaste) och läsning i den genererade regionen: per sekund, p50/p95/p99 (SQLite, och PostgreSQL om NARA_TEST_POSTGRES är satt)");
    Console.WriteLine("  coordination [--residents N] [--requests R] [--conversations C] [--messages M]   /min-arbetsdag p95 (<= 150 ms), planens sida p95 (<= 100 ms) och meddelanden live med 50 samtal (p95 <= 1 s) i en genererad region med samordning (SQLite, och PostgreSQL om NARA_TEST_POSTGRES är satt)");
    Console.WriteLine("  assessments [--residents N] [--responses R] [--measurements M] [--requests Q]   poängsättning per sekund i processen (>= 100 000), nytt mätvärde mot gränserna över HTTP p95 (<= 10 ms), import av 1 000 000 mätvärden (<= 60 s) och diagramsidan med tre års dagliga värden p95 (<= 150 ms) (SQLite, och PostgreSQL om NARA_TEST_POSTGRES är satt)");
    Console.WriteLine("  idle [--residents N] [--reminders R] [--seconds S]   bakgrundsarbetets kostnad när inget är på tur, med 50 000 väntande påminnelser: appens och PostgreSQL:s CPU mot 1 % av en kärna");
    return 1;
}
