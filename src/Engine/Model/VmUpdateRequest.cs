namespace HvWeb.Engine.Model;

/// <summary>A partial change (PATCH): null fields stay as they are.</summary>
public sealed record VmUpdateRequest
{
    public string? Name { get; init; }
    public string? Notes { get; init; }
    public int? MemoryStartupMb { get; init; }
    public int? ProcessorCount { get; init; }
    public string? IsoPath { get; init; }
    public IReadOnlyList<BootDevice>? BootOrder { get; init; }
    public AutomaticStartAction? AutomaticStartAction { get; init; }
    public int? AutomaticStartDelaySeconds { get; init; }
    public AutomaticStopAction? AutomaticStopAction { get; init; }
}
