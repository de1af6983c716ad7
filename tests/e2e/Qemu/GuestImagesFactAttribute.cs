namespace HvWeb.Tests.E2e.Qemu;

/// <summary>
/// A fact that needs the project's guest images: HVWEB_GUEST_IMAGES must name a folder with vmlinuz,
/// initrd.img and the named <c>files</c>, otherwise the test is skipped and says why.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class GuestImagesFactAttribute : FactAttribute
{
    public const string Variable = "HVWEB_GUEST_IMAGES";

    public GuestImagesFactAttribute(params string[] files)
    {
        Files = files;
        string[] needed = ["vmlinuz", "initrd.img", .. files];
        var folder = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(folder))
        {
            Skip = $"{Variable} is not set: build the guest images and point it to their folder.";
        }
        else if (needed.Where(f => !File.Exists(Path.Combine(folder, f))).ToList() is { Count: > 0 } missing)
        {
            Skip = $"{Variable} ({folder}) lacks {string.Join(", ", missing)}.";
        }
    }

    public IReadOnlyList<string> Files { get; }

    /// <summary>The images folder (only read it in a test this attribute did not skip).</summary>
    public static string Folder => Environment.GetEnvironmentVariable(Variable) ?? "";
}
