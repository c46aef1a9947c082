/// Plan text inside HTML and SVG: the five characters that could open markup or close an
/// attribute are escaped, and control characters XML forbids become U+FFFD, so the same text is
/// safe in the page, in its attributes and in a standalone SVG file. (See `Escape.markup`.)
public enum HTMLText {
    public static func escape(_ text: String) -> String {
        Escape.markup(text)
    }
}
