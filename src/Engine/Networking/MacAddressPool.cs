using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text.Json;
using HvWeb.Engine.Errors;
using Microsoft.Extensions.Options;

namespace HvWeb.Engine.Networking;

/// <summary>
/// The host's MAC address pool (Hyper-V's Global Network Settings): dynamic addresses come from the
/// range in order and an address is never handed out twice — not even after its VM is deleted —
/// until the pool is reset. The state (range and every address issued) is <c>&lt;data root&gt;/mac-pool.json</c>,
/// written atomically.
/// </summary>
public sealed class MacAddressPool
{
    public const string FileName = "mac-pool.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly Lock _sync = new();
    private readonly string _file;
    private readonly Func<IPAddress?> _hostAddress;
    private MacPoolSettings? _current;

    public MacAddressPool(IOptions<EngineOptions> options)
        : this(options?.Value.DataRoot ?? throw new ArgumentNullException(nameof(options)), FirstHostIpv4)
    {
    }

    public MacAddressPool(string dataRoot, Func<IPAddress?> hostAddress)
    {
        _file = Path.Combine(dataRoot, FileName);
        _hostAddress = hostAddress;
    }

    public MacPoolSettings Current
    {
        get
        {
            lock (_sync)
            {
                return _current ??= Load();
            }
        }
    }

    /// <summary>Hyper-V's default: 00-15-5D, the two low bytes of the host's first IPv4 address, then 00 to FF.</summary>
    public static (string Minimum, string Maximum) DefaultRange(IPAddress? hostIpv4)
    {
        var bytes = hostIpv4?.GetAddressBytes() ?? [0, 0, 0, 0];
        var stem = $"00-15-5D-{bytes[2]:X2}-{bytes[3]:X2}";
        return (stem + "-00", stem + "-FF");
    }

    /// <summary>The next free address of the range.</summary>
    /// <exception cref="VmOperationException">the range is used up.</exception>
    public string Allocate()
    {
        lock (_sync)
        {
            var pool = _current ??= Load();
            var issued = pool.Issued.Select(Parse).ToHashSet();
            for (var value = Parse(pool.Minimum); value <= Parse(pool.Maximum); value++)
            {
                if (!issued.Contains(value))
                {
                    var address = Format(value);
                    Save(pool with { Issued = [.. pool.Issued, address] });
                    return address;
                }
            }

            throw new VmOperationException($"The MAC address pool ({pool.Minimum} to {pool.Maximum}) has no address left; widen the range or reset the pool in Global Network Settings (Virtual Switch Manager).");
        }
    }

    /// <summary>A new range; addresses already issued stay issued.</summary>
    /// <exception cref="VmValidationException">field by field.</exception>
    public MacPoolSettings Update(string? minimum, string? maximum)
    {
        lock (_sync)
        {
            var pool = _current ??= Load();
            var min = (minimum ?? pool.Minimum).Trim().ToUpperInvariant();
            var max = (maximum ?? pool.Maximum).Trim().ToUpperInvariant();
            var errors = new Dictionary<string, string[]>();
            Check("minimum", min, errors);
            Check("maximum", max, errors);
            if (errors.Count == 0 && Parse(min) > Parse(max))
            {
                errors["maximum"] = [$"The maximum {max} is below the minimum {min}."];
            }

            if (errors.Count > 0)
            {
                throw new VmValidationException(errors);
            }

            var updated = pool with { Minimum = min, Maximum = max };
            Save(updated);
            return updated;
        }
    }

    /// <summary>Forgets every address issued: allocation starts again at the minimum.</summary>
    public MacPoolSettings Reset()
    {
        lock (_sync)
        {
            var pool = (_current ??= Load()) with { Issued = [] };
            Save(pool);
            return pool;
        }
    }

    public static long Parse(string mac) =>
        long.Parse(mac.Replace("-", "", StringComparison.Ordinal).Replace(":", "", StringComparison.Ordinal), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    public static string Format(long value) =>
        string.Join('-', Enumerable.Range(0, 6).Select(i => ((value >> (8 * (5 - i))) & 0xFF).ToString("X2", CultureInfo.InvariantCulture)));

    public static bool InRange(string mac, string minimum, string maximum) => Parse(mac) >= Parse(minimum) && Parse(mac) <= Parse(maximum);

    private static void Check(string field, string mac, Dictionary<string, string[]> errors)
    {
        var parts = mac.Split('-');
        if (parts.Length != 6 || parts.Any(p => p.Length != 2 || !p.All(Uri.IsHexDigit)))
        {
            errors[field] = [$"'{mac}' is not a MAC address like 00-15-5D-01-02-00."];
        }
        else if ((Convert.ToByte(parts[0], 16) & 1) != 0)
        {
            errors[field] = [$"'{mac}' is a multicast address (its first byte is odd); a network adapter needs a unicast one."];
        }
    }

    private MacPoolSettings Load()
    {
        if (File.Exists(_file))
        {
            try
            {
                return JsonSerializer.Deserialize<MacPoolSettings>(File.ReadAllText(_file), Json)
                    ?? throw new VmOperationException($"The MAC address pool '{_file}' is empty.");
            }
            catch (JsonException e)
            {
                throw new VmOperationException($"The MAC address pool '{_file}' cannot be read: {e.Message}");
            }
        }

        var (min, max) = DefaultRange(_hostAddress());
        return new MacPoolSettings { Minimum = min, Maximum = max };
    }

    private void Save(MacPoolSettings pool)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
        var temporary = _file + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(pool, Json));
        File.Move(temporary, _file, overwrite: true);
        _current = pool;
    }

    /// <summary>The first IPv4 address of an interface that is up and not loopback.</summary>
    private static IPAddress? FirstHostIpv4() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork);
}
