using System.Text.RegularExpressions;

namespace HvWeb.Web.Components.Settings;

/// <summary>The request fields (camelCase, as the API and <c>CheckUpdate</c> name them) that a control shows its sentences under.</summary>
public static partial class SettingsFieldKeys
{
    private static readonly HashSet<string> Controls = new(StringComparer.OrdinalIgnoreCase)
    {
        "name", "notes", "memoryStartupMb", "dynamicMemoryEnabled", "memoryMinimumMb", "memoryMaximumMb", "memoryBufferPercent",
        "memoryWeight", "processorCount", "processorReservePercent", "processorLimitPercent", "processorWeight",
        "processorCompatibilityForMigration", "secureBoot", "com1PipeName", "com2PipeName", "floppyPath", "checkpointsEnabled",
        "checkpointType", "checkpointFileLocation", "smartPagingFileLocation", "automaticStartAction", "automaticStartDelaySeconds",
        "automaticStopAction", "drives[].path", "drives[].controllerNumber", "drives[].location", "drives[].controller",
        "networkAdapters[].switchName", "networkAdapters[].vlanId", "networkAdapters[].bandwidthMinimumMbps",
        "networkAdapters[].bandwidthMaximumMbps", "networkAdapters[].macAddress", "networkAdapters[].staticMacAddress",
        "networkAdapters[].macAddressSpoofing", "networkAdapters[].dhcpGuard", "networkAdapters[].routerGuard",
    };

    public static bool IsShownByControl(string field) => Controls.Contains(Index().Replace(field, "[]"));

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Index();
}
