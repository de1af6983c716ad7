using System.Runtime.CompilerServices;
using System.Text.Json;
using HvWeb.Engine.Host;
using HvWeb.Engine.Model;
using HvWeb.Engine.Model.Json;
using HvWeb.Engine.Qemu;
using HvWeb.Engine.Vms;

namespace HvWeb.Tests.Unit.Qemu;

/// <summary>
/// One golden case: tests/unit/Golden/&lt;name&gt;.json (a VmDefinition) beside &lt;name&gt;.args (the expected
/// command line, one argument per line). The name picks the context: "kvm" → KVM (else TCG),
/// "incoming" → -incoming defer. Sockets go to a fixed /tmp/hvweb-test/&lt;id&gt;; runtime files to the
/// VM's real runtime folder (VmPaths), so the production layout is what the files pin.
/// </summary>
internal static class GoldenCase
{
    public const string UpdateVariable = "HVWEB_UPDATE_GOLDEN";

    /// <summary>Cases as copied next to the test assembly.</summary>
    public static string OutputFolder => Path.Combine(AppContext.BaseDirectory, "Golden");

    /// <summary>Cases in the source tree (written when <see cref="UpdateVariable"/> is 1).</summary>
    public static string SourceFolder([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "Golden"));

    public static IEnumerable<string> Names() =>
        Directory.EnumerateFiles(OutputFolder, "*.json").Select(Path.GetFileNameWithoutExtension).Order()!;

    /// <summary>Read as the host reads configuration files (older schema versions migrated).</summary>
    public static VmDefinition ReadVm(string name) =>
        VmConfigMigration.Parse(File.ReadAllBytes(Path.Combine(OutputFolder, name + ".json")));

    public static QemuLaunchContext ContextFor(string name, VmDefinition vm) => new()
    {
        Accelerator = name.Contains("kvm", StringComparison.Ordinal) ? Accelerator.Kvm : Accelerator.Tcg,
        SocketFolder = Path.Combine("/tmp/hvweb-test", vm.Id.ToString("D")),
        RuntimeFolder = VmPaths.RuntimeFolder(vm),
        IncomingDefer = name.Contains("incoming", StringComparison.Ordinal),
        Taps = name.Contains("switch", StringComparison.Ordinal)
            ? [.. vm.NetworkAdapters.Select((a, i) => a.SwitchName is null ? null : HvWeb.Engine.Networking.TapNames.Of(vm.Id, i))]
            : [],
    };

    public static string Render(IReadOnlyList<string> args) => string.Join('\n', args) + '\n';
}
