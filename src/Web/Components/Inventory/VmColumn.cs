namespace HvWeb.Web.Components.Inventory;

/// <summary>The columns of the Virtual Machines list, Hyper-V Manager's first (in its order), then those "Add/Remove Columns..." offers.</summary>
public enum VmColumn
{
    Name,
    State,
    CpuUsage,
    AssignedMemory,
    Uptime,
    Status,
    ConfigurationVersion,
    Generation,
    MemoryDemand,
    MemoryStatus,
    Heartbeat,
    ReplicationHealth,
    Notes,
    Created,
    Screen,
}
