// Shared by the benchmarks (bench/console, bench/display): compiled into each.
using System.Diagnostics;
using System.Net.Http.Headers;

namespace HvWeb.Bench.Common;

/// <summary>The real HvWeb console (src/Web's Release build) on a free loopback port with a data root of its own.</summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;

    private HostProcess(Process process, Uri address, string dataRoot)
    {
        _process = process;
        Address = address;
        DataRoot = dataRoot;
    }

    public Uri Address { get; }

    public string DataRoot { get; }

    public string Token { get; private set; } = "";

    public HttpClient Api { get; private set; } = default!;

    public int ProcessId => _process.Id;

    public static async Task<HostProcess> StartAsync(string webDll, string images)
    {
        var dataRoot = Directory.CreateTempSubdirectory("hvweb-bench-host-").FullName;
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(webDll)! };
        foreach (var arg in new[] { webDll, "--urls", $"http://127.0.0.1:{port}", "--data", dataRoot, "--HvWeb:Accelerator=Tcg", $"--HvWeb:GuestImagesFolder={images}" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new HostProcess(process, new Uri($"http://127.0.0.1:{port}"), dataRoot);
        using var probe = new HttpClient { BaseAddress = host.Address };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var health = await probe.GetAsync(new Uri("/health", UriKind.Relative));
                if (health.IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException) when (clock.Elapsed < TimeSpan.FromSeconds(90))
            {
                await Task.Delay(200);
            }
        }

        host.Token = (await File.ReadAllTextAsync(Path.Combine(dataRoot, "admin-token"))).Trim();
        host.Api = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromMinutes(3) };
        host.Api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", host.Token);
        return host;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
        Api?.Dispose();
        Directory.Delete(DataRoot, recursive: true);
    }
}
