namespace HvWeb.Tests.E2e.Web;

/// <summary>
/// The project's guest images, from the folder named by HVWEB_GUEST_IMAGES (CI always sets it).
/// Tests that boot a guest fail with this explanation when the images are missing; they never skip.
/// </summary>
public static class GuestImages
{
    public const string Variable = "HVWEB_GUEST_IMAGES";

    public static string? Folder =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } folder ? Path.GetFullPath(folder) : null;

    public static string TinyBios => Require("tiny-bios.qcow2");

    private static string Require(string fileName)
    {
        var folder = Folder ?? throw new InvalidOperationException(
            $"{Variable} is not set, so this test has no guest to boot. Build the images with guest/build.sh and set {Variable} to their folder.");
        var path = Path.Combine(folder, fileName);
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} does not exist ({Variable}={folder}). Build the images with guest/build.sh.");
    }
}
