namespace HvWeb.Tests.E2e.Display;

/// <summary>A fact that only runs when <see cref="RfbCaptureTool.Variable"/> names a folder to write captures to.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CaptureFactAttribute : FactAttribute
{
    public CaptureFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(RfbCaptureTool.Variable)))
        {
            Skip = $"A tool, not a test: set {RfbCaptureTool.Variable} to a folder to record QEMU's RFB bytes.";
        }
    }
}
