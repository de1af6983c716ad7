using System.Text.Json;

namespace HvWeb.Engine.Qemu;

/// <summary>An asynchronous QMP event (STOP, RESUME, SHUTDOWN, BLOCK_JOB_COMPLETED, …) with QEMU's timestamp.</summary>
public sealed record QmpEvent(string Name, JsonElement Data, DateTimeOffset Timestamp);
