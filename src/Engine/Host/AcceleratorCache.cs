using System.Text.Json;
using HvWeb.Engine.Model.Json;

namespace HvWeb.Engine.Host;

/// <summary>
/// The last KVM probe's answer in &lt;DataRoot&gt;/host/accelerator.json, valid while its key (QEMU
/// version, kernel release, /dev/kvm presence) still describes the host.
/// </summary>
internal sealed class AcceleratorCache(string dataRoot)
{
    public string? FilePath => string.IsNullOrEmpty(dataRoot) ? null : Path.Combine(dataRoot, "host", "accelerator.json");

    public static string Key(string qemuVersion, string kernelRelease, bool kvmPresent) =>
        $"qemu={qemuVersion};kernel={kernelRelease};kvm={(kvmPresent ? "present" : "absent")}";

    public AcceleratorDecision? Read(string key)
    {
        if (FilePath is not { } path || !File.Exists(path))
        {
            return null;
        }

        try
        {
            var entry = JsonSerializer.Deserialize<Entry>(File.ReadAllText(path), VmJson.Options);
            return entry is not null && entry.Key == key ? new AcceleratorDecision(entry.Accelerator, entry.Reason) : null;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null; // Unreadable: probe again and rewrite it.
        }
    }

    public void Write(string key, AcceleratorDecision decision, DateTimeOffset probedUtc)
    {
        if (FilePath is not { } path)
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(new Entry(key, decision.Accelerator, decision.Reason, probedUtc), VmJson.Options));
        File.Move(temporary, path, overwrite: true);
    }

    private sealed record Entry(string Key, Accelerator Accelerator, string Reason, DateTimeOffset ProbedUtc);
}
