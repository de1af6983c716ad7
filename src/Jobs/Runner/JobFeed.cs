using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace HvWeb.Jobs.Runner;

/// <summary>
/// What subscribers see: the latest published state of every unfinished job and of the most
/// recent ended ones, and the subscriptions that receive each published change.
/// </summary>
internal sealed class JobFeed(IOptions<JobOptions> options)
{
    private readonly Lock _sync = new();
    private readonly Dictionary<Guid, JobInfo> _latest = [];
    private readonly LinkedList<Guid> _ended = new();
    private readonly List<JobSubscription> _subscriptions = [];

    public int SubscriptionCount
    {
        get { lock (_sync) { return _subscriptions.Count; } }
    }

    /// <summary>Fills the view with jobs read from the store at start-up (newest first).</summary>
    public void Seed(IEnumerable<JobInfo> jobs)
    {
        foreach (var job in jobs.Reverse())
        {
            Publish(job);
        }
    }

    public void Publish(JobInfo job)
    {
        lock (_sync)
        {
            _latest[job.Id] = job;
            if (JobEntry.IsTerminal(job.State) && !_ended.Contains(job.Id))
            {
                _ended.AddLast(job.Id);
                while (_ended.Count > Math.Max(0, options.Value.RecentJobs))
                {
                    _latest.Remove(_ended.First!.Value);
                    _ended.RemoveFirst();
                }
            }

            foreach (var subscription in _subscriptions)
            {
                subscription.TryPublish(job);
            }
        }
    }

    public JobSubscription Subscribe()
    {
        var channel = Channel.CreateUnbounded<JobInfo>(new UnboundedChannelOptions { SingleReader = true });
        lock (_sync)
        {
            var initial = _latest.Values.OrderByDescending(j => j.CreatedUtc).ToList();
            var subscription = new JobSubscription(initial, channel, Unsubscribe);
            _subscriptions.Add(subscription);
            return subscription;
        }
    }

    private void Unsubscribe(JobSubscription subscription)
    {
        lock (_sync)
        {
            _subscriptions.Remove(subscription);
        }
    }
}
