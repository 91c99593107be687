/**
 * Answers real Qwen2.5-VL weights wrote, with their sources (issue 12: "an answer a real model wrote
 * must be accepted, or the test names why the grammar rejects it on purpose"). Text exactly as
 * published, outer newlines trimmed. Most answer other prompts than DeskPilot's, so they name why
 * our grammar refuses them and where; what comes before that point (the tool-call frame, the json
 * fence, the list, the indentation) is what they prove. The larger corpus is test/fixtures/model-answers/.
 */
export interface RealAnswer {
  readonly id: string;
  readonly model: string;
  /** The smart-resized frame the model saw (width, height), where the source shows it. */
  readonly frame: readonly [number, number] | null;
  /** Repository and path (with the cell), or issue thread. */
  readonly source: string;
  readonly grammar: "toolCall" | "box" | "point";
  readonly text: string;
  /** Absent: the grammar must accept it. Present: the first rejected token starts within `within` (its first occurrence). */
  readonly rejected?: { readonly within: string; readonly why: string };
}

export const REAL_QWEN_ANSWERS: readonly RealAnswer[] = [
  {
    id: "mobile-agent-click-1",
    model: "Qwen2.5-VL-7B-Instruct (transformers)",
    frame: [1092, 2408],
    source: "QwenLM/Qwen2.5-VL cookbooks/mobile_agent.ipynb, cell 9 output (blob 6670b21e)",
    grammar: "toolCall",
    text: '<tool_call>\n{"name": "mobile_use", "arguments": {"action": "click", "coordinate": [935, 406]}}\n</tool_call>',
    rejected: {
      within: "mobile_use",
      why: "it calls the mobile_use tool, which DeskPilot does not offer; everything before the tool name (the <tool_call> frame) is accepted token for token",
    },
  },
  {
    id: "mobile-agent-click-2",
    model: "qwen2.5-vl-7b-instruct (DashScope API)",
    frame: [728, 1288],
    source: "QwenLM/Qwen2.5-VL cookbooks/mobile_agent.ipynb, cell 15 output",
    grammar: "toolCall",
    text: '<tool_call>\n{"name": "mobile_use", "arguments": {"action": "click", "coordinate": [639, 1095]}}\n</tool_call>',
    rejected: { within: "mobile_use", why: "it calls the mobile_use tool, which DeskPilot does not offer; the <tool_call> frame before it is accepted" },
  },
  {
    id: "ocr-spotting-boxes",
    model: "Qwen2.5-VL-7B-Instruct (transformers)",
    frame: [868, 1400],
    source: "QwenLM/Qwen2.5-VL cookbooks/ocr.ipynb, cell 13 output (text spotting in JSON)",
    grammar: "box",
    text: '```json\n[\n    {\n        "bbox_2d": [125, 169, 754, 208], "text_content": "UNIHAKKA INTERNATIONAL SDN BHD",\n    },\n    {\n        "bbox_2d": [325, 210, 549, 238], "text_content": "01 Jun 2018 18:41",\n    },\n    {\n        "bbox_2d": [358, 252, 518, 278], "text_content": "(867388-U)",\n    },\n    {\n        "bbox_2d": [168, 286, 706, 320], "text_content": "12, Jalan Tampoi 7/4,Kawasan Perindustrian",\n    },\n    {\n        "bbox_2d": [231, 324, 638, 358], "text_content": "Tampoi,81200 Johor Bahru,Johor",\n    },\n    {\n        "bbox_2d": [346, 368, 519, 392], "text_content": "TAX INVOICE",\n    },\n    {\n        "bbox_2d": [92, 398, 473, 426], "text_content": "Invoice #: OR18060102160261",\n    },\n    {\n        "bbox_2d": [88, 454, 144, 478], "text_content": "Item",\n    },\n    {\n        "bbox_2d": [303, 454, 360, 478], "text_content": "Qty",\n    },\n    {\n        "bbox_2d": [714, 464, 774, 490], "text_content": "Total",\n    },\n    {\n        "bbox_2d": [88, 502, 418, 526], "text_content": "SR I00100000061- 5 Vege",\n    },\n    {\n        "bbox_2d": [88, 544, 154, 568], "text_content": "RM6.22",\n    },\n    {\n        "bbox_2d": [303, 544, 317, 568], "text_content": "1",\n    },\n    {\n        "bbox_2d": [708, 550, 772, 576], "text_content": "RM6.22",\n    },\n    {\n        "bbox_2d": [88, 604, 428, 628], "text_content": "SR I00100000001- Chicken",\n    },\n    {\n        "bbox_2d": [88, 646, 154, 670], "text_content": "RM2.54",\n    },\n    {\n        "bbox_2d": [303, 646, 317, 670], "text_content": "1",\n    },\n    {\n        "bbox_2d": [708, 652, 772, 678], "text_content": "RM2.54",\n    },\n    {\n        "bbox_2d": [496, 722, 767, 746], "text_content": "Total Amount: RM8.76",\n    },\n    {\n        "bbox_2d": [526, 758, 767, 782], "text_content": "GST @0%: RM0.00",\n    },\n    {\n        "bbox_2d": [532, 798, 767, 822], "text_content": "Rounding: -RM0.01",\n    },\n    {\n        "bbox_2d": [532, 836, 767, 860], "text_content": "Nett Total: RM8.75",\n    },\n    {\n        "bbox_2d": [77, 886, 263, 910], "text_content": "Payment Mode",\n    },\n    {\n        "bbox_2d": [667, 872, 763, 896], "text_content": "Amount",\n    },\n    {\n        "bbox_2d": [77, 934, 159, 958], "text_content": "CASH",\n    },\n    {\n        "bbox_2d": [667, 942, 763, 966], "text_content": "RM8.75",\n    },\n    {\n        "bbox_2d": [77, 970, 173, 994], "text_content": "Change",\n    },\n    {\n        "bbox_2d": [667, 980, 763, 1004], "text_content": "RM0.00",\n    },\n    {\n        "bbox_2d": [77, 1068, 228, 1092], "text_content": "GST Summary",\n    },\n    {\n        "bbox_2d": [406, 1072, 533, 1096], "text_content": "Amount(RM)",\n    },\n    {\n        "bbox_2d": [672, 1076, 763, 1098], "text_content": "Tax(RM)",\n    },\n    {\n        "bbox_2d": [77, 1110, 245, 1134], "text_content": "SR = GST @0%",\n    },\n    {\n        "bbox_2d": [406, 1114, 533, 1138], "text_content": "8.76",\n    },\n    {\n        "bbox_2d": [672, 1118, 763, 1142], "text_content": "0.00",\n    },\n    {\n        "bbox_2d": [247, 1174, 599, 1198], "text_content": "GST REG #000656195584",\n    },\n    {\n        "bbox_2d": [188, 1210, 628, 1238], "text_content": "BAR WANG RICE@PERMAS JAYA",\n    },\n    {\n        "bbox_2d": [247, 1252, 569, 1276], "text_content": "Thank You & Come Again!",\n    },\n    {\n        "bbox_2d": [207, 1290, 606, 1314], "text_content": "Like and Follow Us on Facebook!",\n    },\n    {\n        "bbox_2d": [228, 1328, 667, 1352], "text_content": "Facebook.com/BarWangRice",\n    },\n]\n```',
    // accepted: the fence, the list, the 4-space indent, and text_content as an extra member (ignored by the parser)
  },
  {
    id: "ocr-key-values-en",
    model: "Qwen2.5-VL-7B-Instruct (transformers)",
    frame: null,
    source: "QwenLM/Qwen2.5-VL cookbooks/ocr.ipynb, cell 16 output",
    grammar: "box",
    text: 'Here is the extracted key-value information from the image:\n\n```json\n{\n  "company": "UNIHAKKA INTERNATIONAL SDN BHD",\n  "date": "01 Jun 2018",\n  "address": "12, Jalan Tampoi 7/4,Kawasan Perindustrian Tampoi,81200 Johor Bahru,Johor",\n  "total": "RM8.75"\n}\n```',
    rejected: { within: "Here", why: "key-value extraction with a prose preamble, not a grounding answer" },
  },
  {
    id: "ocr-key-values-zh",
    model: "Qwen2.5-VL-7B-Instruct (transformers)",
    frame: null,
    source: "QwenLM/Qwen2.5-VL cookbooks/ocr.ipynb, cell 17 output",
    grammar: "point",
    text: '根据图片内容，以下是提取的信息按照JSON格式输出：\n\n```json\n{\n  "发票代码": "221021325353",\n  "发票号码": "10283819",\n  "到站": "开发区",\n  "燃油费": "2.0",\n  "票价": "8.00<全>",\n  "乘车日期": "2013-06-29",\n  "开车时间": "流水",\n  "车次": "040",\n  "座号": "371"\n}\n```',
    rejected: { within: "根据", why: "key-value extraction with a prose preamble, not a grounding answer" },
  },
  {
    id: "ocr-receipt-72b",
    model: "qwen2.5-vl-72b-instruct (DashScope API)",
    frame: null,
    source: "QwenLM/Qwen2.5-VL cookbooks/ocr.ipynb, cell 7 output",
    grammar: "toolCall",
    text: "Auntie Anne's\nCINNAMON SUGAR\n1 x 17,000\nSUB TOTAL\n17,000\nGRAND TOTAL\n17,000\nCASH IDR\n20,000\nCHANGE DUE\n3,000",
    rejected: { within: "Auntie", why: "plain OCR text; the tool-call grammar exists to force a tool call instead of prose" },
  },
  {
    id: "ocr-bottle",
    model: "Qwen2.5-VL-7B-Instruct (transformers)",
    frame: null,
    source: "QwenLM/Qwen2.5-VL cookbooks/ocr.ipynb, cell 9 output",
    grammar: "point",
    text: "a product of The Coca-Cola Company\nLATIN BIORHYTHM MATE\n태양의\n마테차\nPLAY! EAT! DRINK MATE",
    rejected: { within: "a product", why: "plain OCR text, not a grounding answer" },
  },
  {
    id: "ocr-label-zh",
    model: "Qwen2.5-VL-7B-Instruct (transformers)",
    frame: null,
    source: "QwenLM/Qwen2.5-VL cookbooks/ocr.ipynb, cell 10 output",
    grammar: "box",
    text: "品名：初吻巧克力 产品类型：代可可脂牛奶巧克力 保质期：12个月\n\n配料：代可可脂、白砂糖、可可粉、精炼植物油、奶油、全脂奶粉、食品添加剂（磷脂、食用盐、食用香料） 产品标准代号：SB/T 10402 贮存条件：请置于阴凉干燥处\n\n食品生产许可证编号：QS3705 1301 0024 生产日期：见合格证\n\n制造商：山东京特食品有限公司 地址：广饶县经济技术开发区\n\n电话：0546-8440388 传真：0546-6447566 产地：山东省东营市",
    rejected: { within: "品名", why: "plain OCR text, not a grounding answer" },
  },
  {
    id: "computer-use-prose-72b-1",
    model: "Qwen2.5-VL-72B (DashScope)",
    frame: null,
    source: "QwenLM/Qwen3-VL issue #968 (first 72B answer, as quoted; the issue cuts it off)",
    grammar: "toolCall",
    text: "在当前界面中，点击“确定”按钮可以确认所选文件的添加操作。该按钮位于页面底部，蓝色背景上写着“确定”。点击后，所选文件将被添加",
    rejected: { within: "在", why: "the 72B answers a computer_use prompt in prose (the issue's point); the grammar forces the tool call" },
  },
  {
    id: "computer-use-prose-72b-2",
    model: "Qwen2.5-VL-72B (DashScope)",
    frame: null,
    source: "QwenLM/Qwen3-VL issue #968 (second 72B answer, its beginning, \\n escapes as newlines)",
    grammar: "toolCall",
    text: "要点击“模型选择”下的“添加”按钮，你需要在弹出的窗口中找到该按钮并进行点击。根据图片中的位置，你可以按照以下步骤操作：\n\n1. 确保弹出的窗口是可见的，并且你已经输入了知识库名称。\n2. 在“模型选择”部分，你会看到一个带有“添加”文字的按钮。\n3. 将鼠标移动到该按钮上，然后点击它。\n\n以下是具体的坐标信息（假设你使用的是自动化工具）：\n- “添加”按钮的坐标大约在 (1240, 258) 左右。",
    rejected: { within: "要", why: "prose with a coordinate in it instead of a tool call; the grammar forces the tool call" },
  },
];
