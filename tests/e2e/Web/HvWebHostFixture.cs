using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace HvWeb.Tests.E2e.Web;

/// <summary>
/// The real web host as a separate process: <c>dotnet HvWeb.Web.dll --urls http://127.0.0.1:&lt;free port&gt;
/// --data &lt;temp&gt; --HvWeb:GuestImagesFolder=$HVWEB_GUEST_IMAGES --HvWeb:Accelerator=Tcg</c>, ready once
/// /health answers. <see cref="Kill"/> ends it as a crash would and <see cref="StartAgainAsync"/>
/// starts it again on the same data folder and address. On dispose, running VMs are turned off,
/// the host is stopped (SIGTERM) and the data folder removed.
/// </summary>
public sealed class HvWebHostFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);
    private readonly ConcurrentQueue<string> _log = new();
    private Process? _process;

    public Uri BaseAddress { get; private set; } = default!;
    public string DataRoot { get; } = Directory.CreateTempSubdirectory("hvweb-e2e-").FullName;
    public string Token { get; private set; } = "";

    /// <summary>Signed in with the admin token.</summary>
    public HttpClient Api { get; private set; } = default!;

    /// <summary>No credentials, no redirects followed.</summary>
    public HttpClient Anonymous { get; private set; } = default!;

    /// <summary>The host's last lines of output, for failure messages.</summary>
    public string RecentLog => string.Join(Environment.NewLine, _log);

    public async Task InitializeAsync()
    {
        BaseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        Anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
        await StartProcessAsync();

        Token = (await File.ReadAllTextAsync(Path.Combine(DataRoot, "admin-token"))).Trim();
        Api = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(3) };
        Api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    /// <summary>SIGKILL, as a crash or an OOM kill would: no shutdown code runs. QEMU processes it started live on.</summary>
    public async Task KillAsync()
    {
        var process = _process ?? throw new InvalidOperationException("The host is not running.");
        process.Kill();
        await process.WaitForExitAsync();
        Remember("--- host killed (SIGKILL) ---");
    }

    /// <summary>Starts the host again on the same data folder and address.</summary>
    public async Task StartAgainAsync()
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException("The host is still running.");
        }

        _process?.Dispose();
        Remember("--- host started again ---");
        await StartProcessAsync();
    }

    private async Task StartProcessAsync()
    {
        _process = Process.Start(StartInfo()) ?? throw new InvalidOperationException("dotnet did not start.");
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitForHealthAsync();
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            await TurnOffEverythingAsync();
            await StopAsync(_process);
        }

        _process?.Dispose();
        Api?.Dispose();
        Anonymous?.Dispose();
        try
        {
            Directory.Delete(DataRoot, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp cleaning; a leftover folder does not fail the run.
        }
    }

    private ProcessStartInfo StartInfo()
    {
        var dll = WebHostLocator.WebDll();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in new[] { "--urls", BaseAddress.ToString().TrimEnd('/'), "--data", DataRoot, "--HvWeb:Accelerator=Tcg" })
        {
            start.ArgumentList.Add(argument);
        }

        // Optional here: tests that boot a guest ask Support.GuestImages, which fails loudly without images.
        if (Environment.GetEnvironmentVariable("HVWEB_GUEST_IMAGES") is { Length: > 0 } images)
        {
            start.ArgumentList.Add($"--HvWeb:GuestImagesFolder={images}");
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        return start;
    }

    private async Task WaitForHealthAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"HvWeb exited with code {_process.ExitCode} while starting:{Environment.NewLine}{RecentLog}");
            }

            try
            {
                using var response = await Anonymous.GetAsync(new Uri("/health", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        throw new TimeoutException($"HvWeb did not answer /health within {StartTimeout}:{Environment.NewLine}{RecentLog}");
    }

    private async Task TurnOffEverythingAsync()
    {
        try
        {
            var vms = await Api.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/vms", UriKind.Relative));
            foreach (var vm in vms.EnumerateArray())
            {
                if (vm.GetProperty("state").GetString() is not ("Off" or "Saved"))
                {
                    using var _ = await Api.PostAsync(new Uri($"/api/v1/vms/{vm.GetProperty("id").GetGuid()}/turn-off", UriKind.Relative), null);
                }
            }
        }
        catch (HttpRequestException)
        {
            // The host is already gone; nothing to turn off through it.
        }
    }

    private static async Task StopAsync(Process process)
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        _log.Enqueue(line);
        while (_log.Count > 300 && _log.TryDequeue(out _))
        {
        }
    }
}
