using HvWeb.Display.Rfb;

namespace HvWeb.Tests.Unit.Display;

/// <summary>Runs HvWeb's RFB client against a script until the script ends.</summary>
internal static class RfbReplay
{
    public static async Task<TestSink> RunAsync(byte[] script, RfbClientOptions? options = null, int maxReadSize = int.MaxValue)
    {
        var sink = new TestSink();
        await using var stream = new ScriptedStream(script, maxReadSize);
        await using var client = await RfbClient.ConnectAsync(stream, options ?? new RfbClientOptions(), CancellationToken.None);
        await client.RunAsync(sink, CancellationToken.None);
        return sink;
    }

    public static async Task<(TestSink Sink, RfbClient Client, ScriptedStream Stream)> ConnectAsync(byte[] script)
    {
        var stream = new ScriptedStream(script);
        var client = await RfbClient.ConnectAsync(stream, new RfbClientOptions(), CancellationToken.None);
        return (new TestSink(), client, stream);
    }
}
