using System.Text;

namespace HvWeb.Display.Rfb;

/// <summary>
/// RFB 3.8 opening (RFC 6143 §7.1–7.3): version, security type None, ClientInit, ServerInit.
/// QEMU's VNC server on the VM's private unix socket needs no password.
/// </summary>
internal static class RfbHandshake
{
    public const int VersionLength = 12;
    public const byte SecurityNone = 1;
    private static readonly byte[] ClientVersion = "RFB 003.008\n"u8.ToArray();

    public static async Task<RfbServerInit> RunAsync(Stream stream, RfbReader reader, bool shared, CancellationToken cancellationToken)
    {
        var version = await reader.ReadBlockAsync(VersionLength, cancellationToken).ConfigureAwait(false);
        CheckVersion(version.Span);
        await stream.WriteAsync(ClientVersion, cancellationToken).ConfigureAwait(false);

        var count = await reader.ReadU8Async(cancellationToken).ConfigureAwait(false);
        if (count == 0)
        {
            throw new RfbProtocolException($"The VNC server refused the connection: {await ReadReasonAsync(reader, cancellationToken).ConfigureAwait(false)}");
        }

        var types = await reader.ReadBlockAsync(count, cancellationToken).ConfigureAwait(false);
        if (!types.Span.Contains(SecurityNone))
        {
            throw new RfbProtocolException(
                $"The VNC server asks for authentication (security types {string.Join(", ", types.ToArray())}); HvWeb expects QEMU's local socket without a password.");
        }

        await stream.WriteAsync(new[] { SecurityNone }, cancellationToken).ConfigureAwait(false);
        var result = await reader.ReadU32Async(cancellationToken).ConfigureAwait(false);
        if (result != 0)
        {
            throw new RfbProtocolException($"The VNC server refused the connection: {await ReadReasonAsync(reader, cancellationToken).ConfigureAwait(false)}");
        }

        await stream.WriteAsync(new[] { shared ? (byte)1 : (byte)0 }, cancellationToken).ConfigureAwait(false);

        var width = await reader.ReadU16Async(cancellationToken).ConfigureAwait(false);
        var height = await reader.ReadU16Async(cancellationToken).ConfigureAwait(false);
        var format = RfbPixelFormat.Parse((await reader.ReadBlockAsync(RfbPixelFormat.Size, cancellationToken).ConfigureAwait(false)).Span);
        var nameLength = await reader.ReadU32Async(cancellationToken).ConfigureAwait(false);
        if (nameLength > RfbLimits.MaxNameBytes)
        {
            throw new RfbProtocolException($"The VNC server sent a desktop name of {nameLength} bytes (the limit is {RfbLimits.MaxNameBytes}).");
        }

        var name = Encoding.UTF8.GetString((await reader.ReadBlockAsync((int)nameLength, cancellationToken).ConfigureAwait(false)).Span);
        RfbLimits.CheckScreenSize(width, height);
        return new RfbServerInit(width, height, format, name);
    }

    private static void CheckVersion(ReadOnlySpan<byte> version)
    {
        var text = Encoding.ASCII.GetString(version);
        if (!text.StartsWith("RFB ", StringComparison.Ordinal) || text[^1] != '\n' ||
            !int.TryParse(text.AsSpan(4, 3), out var major) || !int.TryParse(text.AsSpan(8, 3), out var minor))
        {
            throw new RfbProtocolException($"This is not a VNC server (it greeted with '{text.TrimEnd()}').");
        }

        if (major != 3 || minor < 8)
        {
            throw new RfbProtocolException($"The VNC server speaks RFB {major}.{minor}; HvWeb needs 3.8 (as QEMU speaks).");
        }
    }

    private static async Task<string> ReadReasonAsync(RfbReader reader, CancellationToken cancellationToken)
    {
        var length = await reader.ReadU32Async(cancellationToken).ConfigureAwait(false);
        var kept = (int)Math.Min(length, RfbLimits.MaxReasonBytes);
        var reason = Encoding.UTF8.GetString((await reader.ReadBlockAsync(kept, cancellationToken).ConfigureAwait(false)).Span);
        return reason.Length == 0 ? "no reason given" : reason;
    }
}
