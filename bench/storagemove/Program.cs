using HvWeb.Bench.StorageMove;

// Storage move of a running tiny guest whose disk has ~1 GiB allocated, against an offline
// `qemu-img convert` of the same disk; the guest's longest pause from a 10 ms heartbeat on COM1;
// writes through the disk's device with and without a move. See docs/storage.md, "Benchmarks".
var images = args.Length > 0 ? args[0] : Environment.GetEnvironmentVariable("HVWEB_GUEST_IMAGES")
    ?? throw new ArgumentException("Pass the guest images folder (bash guest/build.sh | tail -1) or set HVWEB_GUEST_IMAGES.");
var allocatedMb = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1024;
var result = await MoveBenchmark.RunAsync(images, allocatedMb);
Console.WriteLine();
Console.WriteLine(result);
return 0;
