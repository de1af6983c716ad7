using System.Diagnostics;
using System.IO.Compression;
using HvWeb.Display.Rfb;
using HvWeb.Display.Tiles;

namespace HvWeb.Bench.Display;

/// <summary>Per-operation costs of the pipeline on a QEMU capture: RFB decoding and tile encoding.</summary>
internal static class MicroBench
{
    public static async Task RunAsync(string capturesFolder, TextWriter output)
    {
        foreach (var encoding in new[] { "raw", "zrle", "tight", "hextile" })
        {
            await using var file = File.OpenRead(Path.Combine(capturesFolder, $"qemu-console-{encoding}.rfb.gz"));
            await using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var bytes = new MemoryStream();
            await gzip.CopyToAsync(bytes);
            var script = bytes.ToArray();
            var clock = Stopwatch.StartNew();
            const int Runs = 50;
            CountingSink? sink = null;
            for (var i = 0; i < Runs; i++)
            {
                sink = new CountingSink();
                await using var stream = new MemoryStream(script);
                await using var duplex = new ReadOnlyDuplex(stream);
                await using var client = await RfbClient.ConnectAsync(duplex, new RfbClientOptions(), CancellationToken.None);
                await client.RunAsync(sink, CancellationToken.None);
            }

            output.WriteLine($"decode {encoding}: {clock.Elapsed.TotalMilliseconds / Runs:0.00} ms per 720x400 screen ({script.Length} bytes)");
            if (encoding == "raw")
            {
                var fb = sink!.Framebuffer;
                var pixels = new byte[fb.Width * fb.Height * 4];
                fb.CopyTo(new HvWeb.Display.Frames.PixelRect(0, 0, fb.Width, fb.Height), pixels);
                foreach (var (name, encode) in new (string, Func<byte[]>)[]
                {
                    ("indexed PNG", () => PalettePngEncoder.TryEncode(pixels, fb.Width, fb.Height)!),
                    ("Skia PNG", () => TileEncoder.Encode(pixels.AsSpan(), fb.Width, fb.Height, TileFormat.Png)),
                    ("JPEG q80", () => TileEncoder.Encode(pixels, fb.Width, fb.Height, TileFormat.Jpeg)),
                })
                {
                    var size = encode().Length;
                    clock.Restart();
                    for (var i = 0; i < Runs; i++)
                    {
                        encode();
                    }

                    output.WriteLine($"encode {name}: {clock.Elapsed.TotalMilliseconds / Runs:0.00} ms, {size} bytes");
                }
            }
        }
    }

    /// <summary>A capture as a connection: reads come from it, writes go nowhere.</summary>
    private sealed class ReadOnlyDuplex(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);
        public override void Write(byte[] buffer, int offset, int count) { }
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
