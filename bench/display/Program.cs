using HvWeb.Bench.Display;

// dotnet run -c Release --project bench/display -- encodings [images folder]
var mode = args.Length > 0 ? args[0] : "encodings";
var images = args.Length > 1 ? args[1] : Environment.GetEnvironmentVariable("HVWEB_GUEST_IMAGES") ?? "";
switch (mode)
{
    case "encodings":
        await EncodingBench.RunAsync(images, Console.Out, args.Length > 2 ? args[2] : null);
        break;
    case "browser":
        // browser [images folder] [HvWeb.Web.dll]: HvWeb's console against noVNC in headless chromium.
        await BrowserBench.RunAsync(images, args.Length > 2 ? args[2] : Path.GetFullPath("src/Web/bin/Release/net10.0/HvWeb.Web.dll"), Console.Out);
        break;
    case "micro":
        // micro <captures folder>: decode and encode costs on tests/unit/Display/Captures.
        await MicroBench.RunAsync(args.Length > 1 ? args[1] : "tests/unit/Display/Captures", Console.Out);
        break;
    case "attach":
        // attach <vnc socket> <encoding> <seconds>: a client that only reads (for debugging a guest's behaviour under a viewer).
        await using (var stream = await HvWeb.Display.DisplaySource.UnixSocket(args[1])(CancellationToken.None))
        {
            await using var client = await HvWeb.Display.Rfb.RfbClient.ConnectAsync(stream, new() { Encodings = [HvWeb.Display.Rfb.RfbEncoding.Parse(args[2])] }, CancellationToken.None);
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture)));
            var sink = new CountingSink();
            try
            {
                await client.RunAsync(sink, stop.Token);
            }
            catch (OperationCanceledException)
            {
            }

            Console.WriteLine($"{sink.Updates} updates, {client.BytesRead} bytes");
        }

        break;
    default:
        Console.Error.WriteLine("usage: encodings [images folder] [encodings] | browser [images folder] [HvWeb.Web.dll] | attach <vnc socket> <encoding> <seconds>");
        return 2;
}

return 0;
