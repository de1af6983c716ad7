using System.Text.Json;
using System.Text.Json.Nodes;
using HvWeb.Engine.Model;
using HvWeb.Engine.Model.Json;

namespace HvWeb.Engine.Vms;

/// <summary>
/// Reads a configuration file of any schema version. Version 1 (before the console's settings)
/// has none of the new members: they take their defaults, except the SCSI controllers — a
/// generation 1 VM had none unless a drive used one, a generation 2 VM had one (or as many as its
/// drives used), and it keeps its old device set (<see cref="VmDefinition.LegacyDeviceSet"/>) until it
/// starts from Off, so a state it saved still restores. The result carries <see cref="CurrentSchemaVersion"/>.
/// </summary>
public static class VmConfigMigration
{
    public const int CurrentSchemaVersion = 2;

    public static VmDefinition Parse(ReadOnlySpan<byte> json)
    {
        var node = JsonNode.Parse(json) as JsonObject ?? throw new JsonException("the file is not a JSON object");
        var schema = node.TryGetPropertyValue("schemaVersion", out var v) && v is JsonValue value && value.TryGetValue<int>(out var n) ? n : 1;
        var hasScsiCount = node.ContainsKey("scsiControllerCount");
        var vm = node.Deserialize<VmDefinition>(VmJson.Options) ?? throw new JsonException("the file is empty");
        if (schema >= CurrentSchemaVersion)
        {
            return vm;
        }

        if (!hasScsiCount)
        {
            var used = vm.Drives.Where(d => d.Controller == ControllerType.Scsi).Select(d => d.ControllerNumber + 1).DefaultIfEmpty(0).Max();
            vm = vm with { ScsiControllerCount = Math.Max(used, vm.Generation == VmGeneration.One ? 0 : 1) };
        }

        return vm with { SchemaVersion = CurrentSchemaVersion, LegacyDeviceSet = true };
    }
}
