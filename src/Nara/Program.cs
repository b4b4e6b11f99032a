using Nara;

return await NaraHost.RunAsync(args);
