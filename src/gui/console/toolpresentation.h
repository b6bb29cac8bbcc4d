#pragma once

#include <QString>

namespace chorus {

// How a tool call reads in the console: a one-line summary for the collapsed block and the
// code to show when expanded (the command, the written file, the edit as a diff, or the
// input JSON), with the language to highlight it in.
struct ToolPresentation
{
    QString summary;
    QString code;
    QString codeLanguage;   // for Highlighter::attach ("JSON", "Bash", "Diff"...), or empty
    QString codeFileName;   // highlight by this file's extension when codeLanguage is empty
    QString resultLanguage; // how to highlight the tool's result, or empty
    QString resultFileName;

    // toolName: as in the tool_use block; inputJson: its input (TranscriptItem::body).
    static ToolPresentation forTool(const QString &toolName, const QString &inputJson);
};

} // namespace chorus
