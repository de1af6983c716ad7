namespace HvWeb.Engine.Vms;

/// <summary>Progress of a long engine operation (save, restore, creating a fixed disk): 0–100 and the step.</summary>
public sealed record OperationProgress(int Percent, string Step);
