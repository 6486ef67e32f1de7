using RnnGpu.Cli.Training;

namespace RnnGpu.Tests;

public class CorpusTests
{
    [Fact]
    public void DefaultCorpus_Loads_IsLargeEnough_SmallVocabulary_Ascii()
    {
        string text = Corpus.Default();
        Assert.True(text.Length > 30 * 1024, $"corpus has {text.Length} chars");
        var vocabulary = text.Distinct().ToArray();
        Assert.True(vocabulary.Length <= 80, $"corpus has {vocabulary.Length} distinct chars");
        Assert.All(vocabulary, c => Assert.True(c == '\n' || (c >= ' ' && c <= '~'), $"char U+{(int)c:X4} is not plain ASCII"));
        Assert.StartsWith("Shakespeare's Sonnets (1609), public domain\n", text);
        Assert.DoesNotContain('\r', text);
        // sonnets are separated by one blank line: a numeral line and 14 verse lines each
        var sonnets = text.TrimEnd('\n').Split("\n\n").Skip(1).ToArray();
        Assert.True(sonnets.Length >= 60, $"{sonnets.Length} sonnets");
        Assert.All(sonnets, s => Assert.Equal(15, s.Split('\n').Length));
        Assert.Equal("I", sonnets[0].Split('\n')[0]);
        Assert.StartsWith("Shall I compare thee to a summer's day?", sonnets[17].Split('\n')[1]);
    }

    [Fact]
    public void MissingResource_ClearError()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Corpus.Read(typeof(Corpus).Assembly, "RnnGpu.Cli.Data.nothing.txt"));
        Assert.Contains("RnnGpu.Cli.Data.nothing.txt", ex.Message);
        Assert.Contains("is missing", ex.Message);
    }
}
