using System.Globalization;
using System.Text;

namespace Booking.Bench.Counting;

/// <summary>
/// Finds where each HTTP/1.1 request starts in the bytes a client sends over one connection, so a relay can count
/// requests without changing a byte: it reads each request's head, then skips its body by Content-Length or by chunks.
/// </summary>
internal sealed class RequestFramer(Action<RequestHead> onRequest)
{
    private const int MaxLine = 64 * 1024;

    private readonly List<byte> line = [];
    private readonly List<string> headLines = [];
    private State state = State.Head;
    private long remaining;

    private enum State
    {
        Head,
        Body,
        ChunkSize,
        ChunkData,
        Trailer,
    }

    public void Feed(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            if (state is State.Body or State.ChunkData)
            {
                var skipped = (int)Math.Min(remaining, data.Length);
                data = data[skipped..];
                remaining -= skipped;
                if (remaining == 0)
                {
                    state = state == State.Body ? State.Head : State.ChunkSize;
                }

                continue;
            }

            var end = data.IndexOf((byte)'\n');
            var take = end < 0 ? data.Length : end + 1;
            if (line.Count + take > MaxLine)
            {
                throw new InvalidDataException("An HTTP header line is longer than the relay reads.");
            }

            foreach (var b in data[..take])
            {
                line.Add(b);
            }

            data = data[take..];
            if (end >= 0)
            {
                var text = Encoding.Latin1.GetString(line.ToArray()).TrimEnd('\r', '\n');
                line.Clear();
                OnLine(text);
            }
        }
    }

    private void OnLine(string text)
    {
        switch (state)
        {
            case State.Head when text.Length > 0:
                headLines.Add(text);
                break;
            case State.Head when headLines.Count > 0:
                OnHead();
                break;
            case State.ChunkSize:
                var size = long.Parse(text.Split(';', 2)[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                (state, remaining) = size == 0 ? (State.Trailer, 0L) : (State.ChunkData, size + 2);
                break;
            case State.Trailer when text.Length == 0:
                state = State.Head;
                break;
        }
    }

    private void OnHead()
    {
        var requestLine = headLines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in headLines.Skip(1))
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[header[..colon].Trim()] = header[(colon + 1)..].Trim();
            }
        }

        headLines.Clear();
        var head = new RequestHead(requestLine[0], requestLine.Length > 1 ? requestLine[1] : "/", headers);
        onRequest(head);
        if (head.Header("Transfer-Encoding") is { } encoding && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            state = State.ChunkSize;
        }
        else if (head.Header("Content-Length") is { } length && long.Parse(length, CultureInfo.InvariantCulture) is > 0 and var bytes)
        {
            (state, remaining) = (State.Body, bytes);
        }
    }
}
