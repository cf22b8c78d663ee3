using System.Collections.ObjectModel;

namespace Booking.Api.Tests;

/// <summary>What an in-memory exporter collects: it adds from whichever thread exports, while the test reads.</summary>
public sealed class LockedList<T> : Collection<T>
{
    private readonly Lock gate = new();

    public List<T> Snapshot()
    {
        lock (gate)
        {
            return [.. Items];
        }
    }

    protected override void InsertItem(int index, T item)
    {
        lock (gate)
        {
            base.InsertItem(index, item);
        }
    }
}
