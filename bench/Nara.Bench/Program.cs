// Benchmarks for Nära: see docs/benchmarks.md for what is measured and how to run it.
Console.WriteLine("Nära benchmarks: pass a benchmark name. See docs/benchmarks.md.");
return 0;
